@NullMarked
package dev.springbase.storage.buckets;

import org.jspecify.annotations.NullMarked;
