/**
 * Data sets: generated problems here; files on disk (MNIST, text, images) as they land.
 */
package dev.thirty.data;
