package dev.thirty.kernels;

/** Reference reductions: one accumulator, elements in increasing order. */
final class ScalarReductions implements ReductionKernels {

    @Override
    public float sum(float[] x, int off, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    @Override
    public float max(float[] x, int off, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("max of an empty run");
        }
        float m = x[off];
        for (int i = 1; i < n; i++) {
            float v = x[off + i];
            if (v > m || Float.isNaN(v)) {
                m = v;
                if (Float.isNaN(v)) {
                    return v;
                }
            }
        }
        return m;
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public float sumOfSquares(float[] x, int off, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float v = x[off + i];
            s += v * v;
        }
        return s;
    }
}
