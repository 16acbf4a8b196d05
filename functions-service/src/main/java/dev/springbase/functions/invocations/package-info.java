@NullMarked
package dev.springbase.functions.invocations;

import org.jspecify.annotations.NullMarked;
