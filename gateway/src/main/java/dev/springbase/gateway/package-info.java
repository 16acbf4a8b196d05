@NullMarked
package dev.springbase.gateway;

import org.jspecify.annotations.NullMarked;
