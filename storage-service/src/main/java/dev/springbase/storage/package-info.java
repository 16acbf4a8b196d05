@NullMarked
package dev.springbase.storage;

import org.jspecify.annotations.NullMarked;
