/**
 * Console accounts: bootstrap of the first admin, login and account tokens.
 */
@NullMarked
package dev.springbase.auth.accounts;

import org.jspecify.annotations.NullMarked;
