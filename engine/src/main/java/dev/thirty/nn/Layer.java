package dev.thirty.nn;

import dev.thirty.tensor.Tensor;

/** A module that maps one tensor to one tensor, so that it can stand in a {@link Sequential}. */
public interface Layer {

    Tensor forward(Tensor x);
}
