/**
 * Local stand-ins for the sign-in providers the auth service has presets for (Google,
 * GitHub, Apple), speaking each provider's real protocol and checking what they receive.
 */
@NullMarked
package dev.springbase.testsupport.providers;

import org.jspecify.annotations.NullMarked;
