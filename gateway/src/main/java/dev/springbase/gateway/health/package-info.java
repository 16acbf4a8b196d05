@NullMarked
package dev.springbase.gateway.health;

import org.jspecify.annotations.NullMarked;
