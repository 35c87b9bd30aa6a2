/**
 * Test helpers shared by every module: seeded generators, float comparisons whose failures name
 * the largest difference and its index, finite-difference gradient checks, and golden fixtures
 * written by reference scripts (PyTorch) and read here without Python.
 *
 * <p>This module works on {@code float[]} and shapes only, so that every module, the engine
 * included, can use it from its tests.
 */
package dev.thirty.testkit;
