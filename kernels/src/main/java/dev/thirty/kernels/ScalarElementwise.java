package dev.thirty.kernels;

/** Reference elementwise maps: plain loops, one element at a time. */
final class ScalarElementwise implements ElementwiseKernels {

    static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
    static final float GELU_C = 0.044715f;
    static final double INV_SQRT_2PI = 0.39894228040143267794;

    @Override
    public void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    @Override
    public void sub(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    @Override
    public void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    @Override
    public void div(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] / b[bOff + i];
        }
    }

    @Override
    public void affine(float alpha, float beta, float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = alpha * x[xOff + i] + beta;
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void mulAccumulate(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += a[aOff + i] * b[bOff + i];
        }
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = apply(op, x[xOff + i]);
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, float[] x, int xOff, float[] y, int yOff,
                              float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        for (int i = 0; i < n; i++) {
            gx[gxOff + i] += gy[gyOff + i] * derivative(op, x[xOff + i], y[yOff + i]);
        }
    }

    /** The reference keeps nothing: {@code kept} is left as it is. */
    @Override
    public void geluErf(float[] x, int xOff, float[] out, int outOff, float[] kept, int keptOff, int n) {
        unary(UnaryOp.GELU_ERF, x, xOff, out, outOff, n);
    }

    @Override
    public void geluErfBackward(float[] x, int xOff, float[] y, int yOff, float[] kept, int keptOff,
                                float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        unaryBackward(UnaryOp.GELU_ERF, x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
    }

    @Override
    public void pow(float p, float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.pow(x[xOff + i], p);
        }
    }

    /** {@code op(x)} for one element: the definition every other backend must agree with. */
    static float apply(UnaryOp op, float x) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
            case RELU -> x > 0f ? x : 0f;
            case GELU -> 0.5f * x * (1f + (float) Math.tanh(SQRT_2_OVER_PI * (x + GELU_C * x * x * x)));
            // in double, rounded once; -infinity gives -inf * 0 = NaN, as PyTorch's gelu does
            case GELU_ERF -> (float) (x * Erf.normalCdf(x));
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
        };
    }

    /** {@code op'(x)} given {@code y = op(x)}. */
    static float derivative(UnaryOp op, float x, float y) {
        return switch (op) {
            case NEG -> -1f;
            case EXP -> y;
            case LOG -> 1f / x;
            case SQRT -> 0.5f / y;
            case TANH -> 1f - y * y;
            case SIGMOID -> y * (1f - y);
            case RELU -> x > 0f ? 1f : 0f;
            case GELU -> {
                float inner = SQRT_2_OVER_PI * (x + GELU_C * x * x * x);
                float t = (float) Math.tanh(inner);
                float dInner = SQRT_2_OVER_PI * (1f + 3f * GELU_C * x * x);
                yield 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * dInner;
            }
            case GELU_ERF -> (float) (Erf.normalCdf(x) + x * normalDensity(x));
            case ABS -> Math.signum(x);
            case SQUARE -> 2f * x;
        };
    }

    /**
     * {@code phi(x) = e^(-x^2/2) / sqrt(2 pi)}; {@code x * x} of a float is exact in double. At
     * +-infinity the GELU derivative's {@code x phi(x)} is then {@code inf * 0 = NaN}, as in PyTorch.
     */
    static double normalDensity(float x) {
        double x2 = (double) x * x;
        return Math.exp(-0.5 * x2) * INV_SQRT_2PI;
    }
}
