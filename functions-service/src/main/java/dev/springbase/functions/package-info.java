@NullMarked
package dev.springbase.functions;

import org.jspecify.annotations.NullMarked;
