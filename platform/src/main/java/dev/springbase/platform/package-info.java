@NullMarked
package dev.springbase.platform;

import org.jspecify.annotations.NullMarked;
