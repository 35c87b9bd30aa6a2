package dev.thirty.kernels;

/**
 * Local response normalisation of an NCHW tensor:
 *
 * <pre>y = x * (k + alpha * S)^(-beta),   S = sum of x^2 over the element's neighbourhood</pre>
 *
 * where the neighbourhood is {@code size} consecutive channels at the same pixel
 * ({@link Region#ACROSS_CHANNELS}) or a {@code size x size} square in the same channel
 * ({@link Region#WITHIN_CHANNEL}), starting {@code size / 2} (integer division) before the element and
 * clipped at the borders. {@code alpha} multiplies the raw sum; the factories translate each source's
 * parameterisation, which differ in what they divide alpha by.
 *
 * @param region where the neighbourhood lies
 * @param size   its extent (channels, or the side of the square)
 */
public record ResponseNorm(Region region, int size, float alpha, float beta, float k) {

    /** Where the squares are summed. */
    public enum Region {
        /** Over {@code size} adjacent channels at one pixel (AlexNet §3.3, cuda-convnet {@code cmrnorm}). */
        ACROSS_CHANNELS,
        /** Over a {@code size x size} square of one channel (cuda-convnet {@code rnorm}). */
        WITHIN_CHANNEL
    }

    public ResponseNorm {
        if (region == null || size < 1) {
            throw new IllegalArgumentException("response norm: region must be given and size positive, got "
                    + region + ", " + size);
        }
        if (!(alpha >= 0f) || !(beta >= 0f) || !(k > 0f) || Float.isInfinite(alpha) || Float.isInfinite(beta)
                || Float.isInfinite(k)) {
            throw new IllegalArgumentException("response norm: alpha and beta must be finite and non-negative and"
                    + " k finite and positive, got alpha " + alpha + ", beta " + beta + ", k " + k);
        }
    }

    /**
     * The AlexNet paper's form (§3.3): {@code (k + alpha * sum)^beta} over n channels, alpha not
     * divided by n; the paper uses k=2, n=5, alpha=1e-4, beta=0.75.
     */
    public static ResponseNorm alexNet(int n, float alpha, float beta, float k) {
        return new ResponseNorm(Region.ACROSS_CHANNELS, n, alpha, beta, k);
    }

    /** The paper's constants: k=2, n=5, alpha=1e-4, beta=0.75. */
    public static ResponseNorm alexNetPaper() {
        return alexNet(5, 1e-4f, 0.75f, 2f);
    }

    /** PyTorch's {@code LocalResponseNorm(size, alpha, beta, k)}, which divides alpha by size. */
    public static ResponseNorm pytorch(int size, float alpha, float beta, float k) {
        return new ResponseNorm(Region.ACROSS_CHANNELS, size, alpha / size, beta, k);
    }

    /** cuda-convnet's {@code cmrnorm}: {@code (1 + scale / size * sum)^pow} over maps. */
    public static ResponseNorm cudaConvnetCrossMap(int size, float scale, float pow) {
        return new ResponseNorm(Region.ACROSS_CHANNELS, size, scale / size, pow, 1f);
    }

    /** cuda-convnet's {@code rnorm}: {@code (1 + scale / size^2 * sum)^pow} over a square of one map. */
    public static ResponseNorm cudaConvnetSameMap(int size, float scale, float pow) {
        return new ResponseNorm(Region.WITHIN_CHANNEL, size, scale / (size * size), pow, 1f);
    }

    /** E.g. {@code across 5 channels, k 2, alpha 1e-04, beta 0.75}: alpha as it multiplies the raw sum. */
    public String describe() {
        return (region == Region.ACROSS_CHANNELS ? "across " + size + " channels" : "within " + size + "x" + size)
                + ", k " + fmt(k) + ", alpha " + fmt(alpha) + ", beta " + fmt(beta);
    }

    private static String fmt(float v) {
        String s = Float.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
