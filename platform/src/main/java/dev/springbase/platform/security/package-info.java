@NullMarked
package dev.springbase.platform.security;

import org.jspecify.annotations.NullMarked;
