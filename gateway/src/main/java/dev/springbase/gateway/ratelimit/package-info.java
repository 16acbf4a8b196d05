@NullMarked
package dev.springbase.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
