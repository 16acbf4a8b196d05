@NullMarked
package dev.springbase.gateway.routing;

import org.jspecify.annotations.NullMarked;
