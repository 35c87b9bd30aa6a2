package dev.thirty.optim;

import java.util.List;

/** The moment update and bias-corrected step shared by {@link Adam} and {@link AdamW}. */
final class AdamMoments {

    static final List<String> BUFFERS = List.of("exp_avg", "exp_avg_sq");

    private AdamMoments() {
    }

    static void check(String optimizer, double beta1, double beta2, double eps) {
        Checks.rate(optimizer, "beta1", beta1);
        Checks.rate(optimizer, "beta2", beta2);
        Checks.positive(optimizer, "eps", eps);
    }

    /**
     * One Adam step on one parameter; {@code l2} is added to the gradient as {@code l2 * p}
     * (0 for none). {@code state} holds {@code m} and {@code v}.
     */
    static void step(double beta1, double beta2, double eps, double l2, double lr, long t,
                     float[] w, float[] g, float[][] state) {
        float[] m = state[0];
        float[] v = state[1];
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1 - beta1);
        float oneMinusB2 = (float) (1 - beta2);
        float decay = (float) l2;
        boolean penalised = l2 != 0;
        float negStepSize = (float) -(lr / (1 - Math.pow(beta1, t)));
        float correction2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float e = (float) eps;
        for (int j = 0; j < w.length; j++) {
            float gj = penalised ? Math.fma(decay, w[j], g[j]) : g[j];
            m[j] = Math.fma(oneMinusB1, gj, m[j] * b1);
            v[j] = Math.fma(oneMinusB2 * gj, gj, v[j] * b2);
            float denom = (float) Math.sqrt(v[j]) / correction2Sqrt + e;
            w[j] = w[j] + negStepSize * m[j] / denom;
        }
    }
}
