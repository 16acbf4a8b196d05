/**
 * The project's database as functions see it: plain JDBC connections into the project's
 * schema.
 */
package dev.springbase.functions.sdk.database;
