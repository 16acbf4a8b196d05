/**
 * End users of projects: sign-up (email and password, or anonymous), sign-in, their own
 * profile, and the admin API over them.
 */
@NullMarked
package dev.springbase.auth.users;

import org.jspecify.annotations.NullMarked;
