package dev.thirty.kernels;

/**
 * The pointwise half of one LSTM step for one row of a batch (the matrix products are
 * {@link Gemm}'s). Gate blocks are laid out as PyTorch's {@code nn.LSTM} lays them out,
 * {@code i, f, g, o}, each {@code hidden} wide, in one run of {@code 4 * hidden} floats.
 *
 * <pre>
 * forward:   i = sigmoid(z_i)  f = sigmoid(z_f)  g = tanh(z_g)  o = sigmoid(z_o)
 *            C = f * C_prev + i * g              h = o * tanh(C)
 * backward:  dC~ = dC + dh * o * (1 - tanh(C)^2)
 *            dz_i = dC~ * g * i (1 - i)          dz_f = dC~ * C_prev * f (1 - f)
 *            dz_g = dC~ * i * (1 - g^2)          dz_o = dh * tanh(C) * o (1 - o)
 *            dC_prev = dC~ * f
 * </pre>
 *
 * The scalar reference evaluates sigmoid and tanh as {@link ElementwiseKernels#unary} does; the
 * vector version uses {@link VectorMath} (within 2 ulps, and the same bits however the JIT runs
 * it). The backward is plain arithmetic in the same order in both, so given the same activations
 * it agrees bit for bit.
 */
public interface LstmKernels {

    /**
     * One row forward. {@code gates[gOff .. gOff + 4H)} holds the pre-activations {@code z} and
     * is overwritten with the activations {@code i, f, g, o} (the backward reads them). Writes
     * {@code C}, {@code tanh(C)} and {@code h}, each {@code hidden} wide. {@code c} may alias
     * {@code cPrev} only at the same offset.
     */
    void forward(int hidden, float[] gates, int gOff, float[] cPrev, int cPrevOff,
                 float[] c, int cOff, float[] tanhC, int tOff, float[] h, int hOff);

    /**
     * One row backward. Reads the activations written by {@link #forward}, {@code tanh(C)},
     * {@code C_prev} and {@code dh}; {@code dc} holds {@code dC} on entry and {@code dC_prev} on
     * return; writes {@code dz}, {@code 4 * hidden} wide, in gate order.
     */
    void backward(int hidden, float[] act, int aOff, float[] tanhC, int tOff, float[] cPrev, int cPrevOff,
                  float[] dh, int dhOff, float[] dc, int dcOff, float[] dz, int dzOff);

    /** The implementation of {@code backend}. */
    static LstmKernels of(Backend backend) {
        return switch (backend) {
            case SCALAR -> ScalarLstm.INSTANCE;
            case VECTOR -> VectorLstm.INSTANCE;
        };
    }
}
