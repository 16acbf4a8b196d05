@NullMarked
package dev.springbase.auth;

import org.jspecify.annotations.NullMarked;
