package dev.thirty.kernels;

/** Reference row operations: plain loops, accumulating in float in increasing column order. */
final class ScalarRows implements RowKernels {

    @Override
    public void softmax(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            float max = rowMax(x, xi, cols);
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[xi + j] - max);
                y[yi + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < cols; j++) {
                y[yi + j] *= inv;
            }
        }
    }

    @Override
    public void logSoftmax(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            float max = rowMax(x, xi, cols);
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                sum += (float) Math.exp(x[xi + j] - max);
            }
            float shift = max + (float) Math.log(sum);
            for (int j = 0; j < cols; j++) {
                y[yi + j] = x[xi + j] - shift;
            }
        }
    }

    @Override
    public void softmaxBackward(float[] y, int yOff, float[] gy, int gyOff,
                                float[] gx, int gxOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            float dot = 0f;
            for (int j = 0; j < cols; j++) {
                dot += gy[gyOff + o + j] * y[yOff + o + j];
            }
            for (int j = 0; j < cols; j++) {
                gx[gxOff + o + j] += y[yOff + o + j] * (gy[gyOff + o + j] - dot);
            }
        }
    }

    @Override
    public void logSoftmaxBackward(float[] y, int yOff, float[] gy, int gyOff,
                                   float[] gx, int gxOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                sum += gy[gyOff + o + j];
            }
            for (int j = 0; j < cols; j++) {
                gx[gxOff + o + j] += gy[gyOff + o + j] - (float) Math.exp(y[yOff + o + j]) * sum;
            }
        }
    }

    @Override
    public void layerNorm(float[] x, int xOff, float[] gamma, float[] beta, float eps,
                          float[] y, int yOff, float[] mean, float[] rstd, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                sum += x[xi + j];
            }
            float mu = sum / cols;
            float sq = 0f;
            for (int j = 0; j < cols; j++) {
                float d = x[xi + j] - mu;
                sq += d * d;
            }
            float rs = (float) (1.0 / Math.sqrt(sq / cols + eps));
            mean[r] = mu;
            rstd[r] = rs;
            for (int j = 0; j < cols; j++) {
                float v = (x[xi + j] - mu) * rs * gamma[j];
                y[yi + j] = beta == null ? v : v + beta[j];
            }
        }
    }

    @Override
    public void layerNormBackward(float[] x, int xOff, float[] gamma, float[] mean, float[] rstd,
                                  float[] gy, int gyOff, float[] gx, int gxOff,
                                  float[] gGamma, float[] gBeta, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int gi = gyOff + r * cols;
            float mu = mean[r];
            float rs = rstd[r];
            // With xhat = (x - mu) * rstd and g = gy * gamma:
            // gx = rstd * (g - mean(g) - xhat * mean(g * xhat))
            float sumG = 0f;
            float sumGX = 0f;
            for (int j = 0; j < cols; j++) {
                float xhat = (x[xi + j] - mu) * rs;
                float g = gy[gi + j] * gamma[j];
                sumG += g;
                sumGX += g * xhat;
                if (gGamma != null) {
                    gGamma[j] += gy[gi + j] * xhat;
                }
                if (gBeta != null) {
                    gBeta[j] += gy[gi + j];
                }
            }
            float meanG = sumG / cols;
            float meanGX = sumGX / cols;
            if (gx != null) {
                int go = gxOff + r * cols;
                for (int j = 0; j < cols; j++) {
                    float xhat = (x[xi + j] - mu) * rs;
                    float g = gy[gi + j] * gamma[j];
                    gx[go + j] += rs * (g - meanG - xhat * meanGX);
                }
            }
        }
    }

    static float rowMax(float[] x, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            m = Math.max(m, x[off + j]);
        }
        return m;
    }
}
