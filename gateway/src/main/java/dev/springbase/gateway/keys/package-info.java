@NullMarked
package dev.springbase.gateway.keys;

import org.jspecify.annotations.NullMarked;
