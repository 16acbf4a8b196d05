@NullMarked
package dev.springbase.functions.config;

import org.jspecify.annotations.NullMarked;
