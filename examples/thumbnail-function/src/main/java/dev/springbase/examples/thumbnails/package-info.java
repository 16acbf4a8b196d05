/**
 * An example Springbase function: 200-px thumbnails of photos uploaded to storage.
 */
package dev.springbase.examples.thumbnails;
