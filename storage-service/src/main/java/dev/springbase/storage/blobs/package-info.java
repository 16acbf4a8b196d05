@NullMarked
package dev.springbase.storage.blobs;

import org.jspecify.annotations.NullMarked;
