@NullMarked
package dev.springbase.platform.web;

import org.jspecify.annotations.NullMarked;
