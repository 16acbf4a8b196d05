@NullMarked
package dev.springbase.storage.access;

import org.jspecify.annotations.NullMarked;
