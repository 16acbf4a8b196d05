@NullMarked
package dev.springbase.functions.access;

import org.jspecify.annotations.NullMarked;
