package dev.thirty.kernels;

/** Placeholder until the Vector API version lands: delegates to the scalar reference. */
final class VectorElementwise extends ScalarElementwise {
}
