@NullMarked
package dev.springbase.gateway.cors;

import org.jspecify.annotations.NullMarked;
