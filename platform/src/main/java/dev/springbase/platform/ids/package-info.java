@NullMarked
package dev.springbase.platform.ids;

import org.jspecify.annotations.NullMarked;
