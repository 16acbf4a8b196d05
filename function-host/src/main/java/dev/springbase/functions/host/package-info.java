/**
 * The worker process that hosts user code. It loads one deployed JAR in a class loader of
 * its own, pulls invocations from the functions service over HTTP (long poll), runs them
 * one at a time and posts each result back. It starts no Spring context and no web
 * server, so a cold start costs a bare JVM start plus loading the user's classes.
 */
package dev.springbase.functions.host;
