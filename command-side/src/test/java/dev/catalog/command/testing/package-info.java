/**
 * Test support shipped in the command side's test-jar: matchers for command rejections. Other modules'
 * tests may depend on it ({@code catalog-command-side}, type {@code test-jar}).
 */
package dev.catalog.command.testing;
