@NullMarked
package dev.springbase.gateway.auth;

import org.jspecify.annotations.NullMarked;
