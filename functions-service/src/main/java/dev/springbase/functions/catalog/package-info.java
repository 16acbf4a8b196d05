@NullMarked
package dev.springbase.functions.catalog;

import org.jspecify.annotations.NullMarked;
