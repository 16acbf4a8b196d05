@NullMarked
package dev.springbase.gateway.security;

import org.jspecify.annotations.NullMarked;
