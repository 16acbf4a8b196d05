@NullMarked
package dev.springbase.platform.errors;

import org.jspecify.annotations.NullMarked;
