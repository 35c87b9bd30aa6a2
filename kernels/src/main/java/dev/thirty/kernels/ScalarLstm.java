package dev.thirty.kernels;

/** The reference {@link LstmKernels}: one plain loop over the hidden units. */
final class ScalarLstm implements LstmKernels {

    static final ScalarLstm INSTANCE = new ScalarLstm();

    private ScalarLstm() {
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    @Override
    public void forward(int hidden, float[] gates, int gOff, float[] cPrev, int cPrevOff,
                        float[] c, int cOff, float[] tanhC, int tOff, float[] h, int hOff) {
        for (int j = 0; j < hidden; j++) {
            int r = gOff + j;
            float i = sigmoid(gates[r]);
            float f = sigmoid(gates[r + hidden]);
            float g = (float) Math.tanh(gates[r + 2 * hidden]);
            float o = sigmoid(gates[r + 3 * hidden]);
            gates[r] = i;
            gates[r + hidden] = f;
            gates[r + 2 * hidden] = g;
            gates[r + 3 * hidden] = o;
            float cj = f * cPrev[cPrevOff + j] + i * g;
            float t = (float) Math.tanh(cj);
            c[cOff + j] = cj;
            tanhC[tOff + j] = t;
            h[hOff + j] = o * t;
        }
    }

    @Override
    public void backward(int hidden, float[] act, int aOff, float[] tanhC, int tOff, float[] cPrev, int cPrevOff,
                         float[] dh, int dhOff, float[] dc, int dcOff, float[] dz, int dzOff) {
        for (int j = 0; j < hidden; j++) {
            int r = aOff + j;
            float i = act[r];
            float f = act[r + hidden];
            float g = act[r + 2 * hidden];
            float o = act[r + 3 * hidden];
            float t = tanhC[tOff + j];
            float d = dh[dhOff + j];
            float dct = dc[dcOff + j] + d * o * (1 - t * t);
            int q = dzOff + j;
            dz[q] = dct * g * i * (1 - i);
            dz[q + hidden] = dct * cPrev[cPrevOff + j] * f * (1 - f);
            dz[q + 2 * hidden] = dct * i * (1 - g * g);
            dz[q + 3 * hidden] = d * t * o * (1 - o);
            dc[dcOff + j] = dct * f;
        }
    }
}
