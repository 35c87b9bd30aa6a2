/**
 * End-to-end demonstrations of the engine that stand in for a paper until the first one lands.
 */
package dev.thirty.cli.demo;
