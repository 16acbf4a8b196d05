@NullMarked
package dev.springbase.notifications;

import org.jspecify.annotations.NullMarked;
