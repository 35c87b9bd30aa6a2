package dev.thirty.nn;

import dev.thirty.kernels.ResponseNorm;
import dev.thirty.nn.functional.ResponseNormalization;
import dev.thirty.tensor.Tensor;

/** Local response normalisation as a layer (AlexNet §3.3); see {@link ResponseNormalization}. */
public final class LocalResponseNorm extends Module implements Layer {

    private final ResponseNorm norm;

    public LocalResponseNorm(ResponseNorm norm) {
        if (norm == null) {
            throw new IllegalArgumentException("LocalResponseNorm: the constants must be given");
        }
        this.norm = norm;
    }

    @Override
    public Tensor forward(Tensor x) {
        return ResponseNormalization.localResponseNorm(x, norm);
    }

    public ResponseNorm norm() {
        return norm;
    }

    @Override
    public String summary() {
        return "LocalResponseNorm " + norm.describe();
    }
}
