@NullMarked
package dev.springbase.functions.workers;

import org.jspecify.annotations.NullMarked;
