@NullMarked
package dev.springbase.gateway.docs;

import org.jspecify.annotations.NullMarked;
