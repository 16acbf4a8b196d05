@NullMarked
package dev.springbase.storage.signing;

import org.jspecify.annotations.NullMarked;
