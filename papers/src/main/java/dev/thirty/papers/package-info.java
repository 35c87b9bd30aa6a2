/**
 * One package per paper of the reading list, {@code dev.thirty.papers.<paper>}: its models, its
 * data task and its headline experiment. A paper never imports another paper; shared building
 * blocks move down into the engine.
 */
package dev.thirty.papers;
