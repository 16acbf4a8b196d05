@NullMarked
package dev.springbase.storage.config;

import org.jspecify.annotations.NullMarked;
