@NullMarked
package dev.springbase.storage.objects;

import org.jspecify.annotations.NullMarked;
