@NullMarked
package dev.springbase.storage.uploads;

import org.jspecify.annotations.NullMarked;
