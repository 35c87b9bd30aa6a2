/**
 * Optimizers: update trainable leaves in place from their accumulated gradients.
 */
package dev.thirty.optim;
