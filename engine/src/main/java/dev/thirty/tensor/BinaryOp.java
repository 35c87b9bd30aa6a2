package dev.thirty.tensor;

import dev.thirty.kernels.ElementwiseKernels;

/** The four broadcasting arithmetic operations, one element at a time or a run at a time. */
enum BinaryOp {
    ADD("add"),
    SUB("sub"),
    MUL("mul"),
    DIV("div");

    private final String opName;

    BinaryOp(String opName) {
        this.opName = opName;
    }

    /** The name used in error messages and graph nodes. */
    String opName() {
        return opName;
    }

    /** {@code a op b} for one element. */
    float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
        };
    }

    /** {@code out[i] = a[i] op b[i]} over a run of {@code n}, by the given kernels. */
    void run(ElementwiseKernels k, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        switch (this) {
            case ADD -> k.add(a, aOff, b, bOff, out, outOff, n);
            case SUB -> k.sub(a, aOff, b, bOff, out, outOff, n);
            case MUL -> k.mul(a, aOff, b, bOff, out, outOff, n);
            case DIV -> k.div(a, aOff, b, bOff, out, outOff, n);
        }
    }
}
