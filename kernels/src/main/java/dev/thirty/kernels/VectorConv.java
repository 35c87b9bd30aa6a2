package dev.thirty.kernels;

/**
 * The fast convolution: each group of each image unfolded by {@link Im2col} and multiplied by the
 * packed GEMM of the active kernel set, so the convolution runs at matrix-multiply speed.
 *
 * <ul>
 *   <li>forward: {@code y_g = W_g (og x K) * cols (K x P)}, then the bias per row;</li>
 *   <li>input gradient: {@code dcols = W_g^T (K x og) * dy_g (og x P)}, folded back onto dx;</li>
 *   <li>weight gradient: {@code dW_g += dy_g (og x P) * cols^T (P x K)}, summed over images.</li>
 * </ul>
 * with {@code K = Cg kh kw} and {@code P = oh ow}. A 1x1, stride-1, unpadded convolution multiplies
 * the input planes directly.
 *
 * <p>Work splits over images: with at least as many images as threads, each thread takes a
 * contiguous range of images (its GEMMs then run serially inside it); with fewer, the images run one
 * by one and each GEMM splits itself across the pool. The weight gradient sums each thread's images
 * into its own partial sum, and the partials in thread order, so results are deterministic for a
 * fixed thread count. Max pooling runs {@link VectorPooling}; average pooling and response
 * normalisation run {@link Pooling} and {@link ResponseNorms}; all in parallel over planes and images.
 */
final class VectorConv implements ConvKernels {

    /** Whether stride-1 layers with few channels may run {@link DirectConv}; false forces im2col (tests, benches). */
    private final boolean directAllowed;

    VectorConv() {
        this(true);
    }

    VectorConv(boolean directAllowed) {
        this.directAllowed = directAllowed;
    }

    /** The passes {@link DirectConv} can take over. */
    enum Pass { FORWARD, INPUT_GRAD, WEIGHT_GRAD }

    /**
     * Whether {@code pass} of {@code s} runs {@link DirectConv} rather than im2col and the GEMM: a
     * stride-1 layer with at least one image per thread (DirectConv splits only over images), whose
     * reduction is short enough that re-reading the padded planes per register block beats packing.
     * The limits come from {@code thirty bench conv} on the CIFAR, LeNet-5 and AlexNet layers (one
     * thread, a 2-core AVX-512 Xeon): the forward wins up to K = 1600 (tf_cifar conv2: 104 against 83
     * GFLOPS; AlexNet conv3, K = 2304: 76 against 101); the input gradient, a forward over
     * {@code og kh kw} taps into {@code cg} rows, wins from 6 input channels (LeNet-5 conv2: 46
     * against 29) up to 1600 taps; the weight gradient, which streams the planes again for every
     * 4 x 2 block of weights, only for small weights ({@code og K <= 4096}: LeNet-5's and the 3-channel
     * first layers, 28-45 against 17-34).
     */
    boolean direct(Conv2dShape s, Pass pass) {
        if (!directAllowed || !DirectConv.applies(s) || s.batch() < ComputePool.current().threads()) {
            return false;
        }
        int k = s.patchSize();
        int og = s.groupOutChannels();
        return switch (pass) {
            case FORWARD -> k <= 1600;
            case INPUT_GRAD -> s.groupInChannels() >= 6 && og * s.window().taps() <= 1600;
            case WEIGHT_GRAD -> og * k <= 4096;
        };
    }

    /** The work on images {@code [from, to)} of task {@code task}. */
    @FunctionalInterface
    interface ImageRange {
        void run(int task, int from, int to);
    }

    static int tasksFor(int batch) {
        return Math.max(1, Math.min(ComputePool.current().threads(), batch));
    }

    static void forImages(int batch, int tasks, ImageRange body) {
        if (tasks <= 1) {
            body.run(0, 0, batch);
            return;
        }
        ComputePool.current().parallelFor(tasks, t ->
                body.run(t, (int) ((long) t * batch / tasks), (int) ((long) (t + 1) * batch / tasks)));
    }

    @Override
    public void conv2d(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        if (direct(s, Pass.FORWARD)) {
            DirectConv.forward(s, x, w, bias, y);
            return;
        }
        Gemm gemm = Kernels.active().gemm();
        int k = s.patchSize();
        int p = s.outPlane();
        int og = s.groupOutChannels();
        boolean direct = Im2col.isIdentity(s);
        forImages(s.batch(), tasksFor(s.batch()), (task, from, to) -> {
            float[] cols = direct ? null : ConvScratch.cols(k * p);
            for (int n = from; n < to; n++) {
                for (int g = 0; g < s.groups(); g++) {
                    float[] b = patches(s, x, n, g, cols);
                    int bOff = direct ? planeOffset(s, n, g) : 0;
                    int yOff = (n * s.outChannels() + g * og) * p;
                    gemm.sgemm(Transpose.N, Transpose.N, og, p, k, 1f, w, g * og * k, k, b, bOff, p, 0f, y, yOff, p);
                    if (bias != null) {
                        addBias(bias, g * og, og, y, yOff, p);
                    }
                }
            }
        });
    }

    /** The patch matrix of group g of image n: unfolded into {@code cols}, or the input itself when cols is null. */
    private static float[] patches(Conv2dShape s, float[] x, int n, int g, float[] cols) {
        if (cols == null) {
            return x;
        }
        Im2col.unfold(s, x, n, g, cols);
        return cols;
    }

    /** Where group g of image n starts in the input. */
    private static int planeOffset(Conv2dShape s, int n, int g) {
        return (n * s.inChannels() + g * s.groupInChannels()) * s.height() * s.width();
    }

    private static void addBias(float[] bias, int first, int count, float[] y, int yOff, int p) {
        for (int o = 0; o < count; o++) {
            float b = bias[first + o];
            int at = yOff + o * p;
            for (int i = 0; i < p; i++) {
                y[at + i] += b;
            }
        }
    }

    @Override
    public void conv2dInputGrad(Conv2dShape s, float[] dy, float[] w, float[] dx) {
        if (direct(s, Pass.INPUT_GRAD)) {
            DirectConv.inputGrad(s, dy, w, dx);
            return;
        }
        Gemm gemm = Kernels.active().gemm();
        int k = s.patchSize();
        int p = s.outPlane();
        int og = s.groupOutChannels();
        boolean direct = Im2col.isIdentity(s);
        forImages(s.batch(), tasksFor(s.batch()), (task, from, to) -> {
            float[] cols = direct ? null : ConvScratch.cols(k * p);
            for (int n = from; n < to; n++) {
                for (int g = 0; g < s.groups(); g++) {
                    int dyOff = (n * s.outChannels() + g * og) * p;
                    if (direct) {
                        gemm.sgemm(Transpose.T, Transpose.N, k, p, og, 1f, w, g * og * k, k, dy, dyOff, p,
                                1f, dx, planeOffset(s, n, g), p);
                    } else {
                        gemm.sgemm(Transpose.T, Transpose.N, k, p, og, 1f, w, g * og * k, k, dy, dyOff, p,
                                0f, cols, 0, p);
                        Im2col.foldAdd(s, cols, n, g, dx);
                    }
                }
            }
        });
    }

    @Override
    public void conv2dWeightGrad(Conv2dShape s, float[] x, float[] dy, float[] dw, float[] dbias) {
        if (direct(s, Pass.WEIGHT_GRAD)) {
            DirectConv.weightGrad(s, x, dy, dw, dbias);
            return;
        }
        Gemm gemm = Kernels.active().gemm();
        sumOverImages(s, dw, dbias, (from, to, pw, pb) -> weightGradImages(s, gemm, x, dy, from, to, pw, pb));
    }

    /** A weight gradient's work on images {@code [from, to)}, added into {@code dw} and {@code dbias} (may be null). */
    @FunctionalInterface
    interface PartialGradient {
        void add(int from, int to, float[] dw, float[] dbias);
    }

    /**
     * Runs {@code body} over the images split across the pool, each thread adding into a partial sum
     * of its own (the first thread into dw and dbias themselves), then adds the partials in thread
     * order: deterministic for a fixed thread count.
     */
    static void sumOverImages(Conv2dShape s, float[] dw, float[] dbias, PartialGradient body) {
        int tasks = tasksFor(s.batch());
        float[][] partW = new float[tasks][];
        float[][] partB = new float[tasks][];
        partW[0] = dw;
        partB[0] = dbias;
        for (int t = 1; t < tasks; t++) {
            partW[t] = new float[dw.length];
            partB[t] = dbias == null ? null : new float[dbias.length];
        }
        forImages(s.batch(), tasks, (task, from, to) -> body.add(from, to, partW[task], partB[task]));
        for (int t = 1; t < tasks; t++) {
            addInto(partW[t], dw);
            if (dbias != null) {
                addInto(partB[t], dbias);
            }
        }
    }

    /**
     * The weight gradient of images {@code [from, to)} into {@code dw}, a group at a time, computed
     * transposed: {@code dW_g^T (K x og) += cols (K x P) * dy_g^T (P x og)} summed over the images in
     * a K x og scratch, then added into dw. With K rows the GEMM packs the patch matrix as its A
     * (rows read along P) and only the small dy as a transposed B; packing the patch matrix as a
     * transposed B instead ran 25-35% slower (tf_cifar conv2 70 -> 88 GFLOPS, one thread, AVX-512 Xeon).
     */
    private static void weightGradImages(Conv2dShape s, Gemm gemm, float[] x, float[] dy, int from, int to,
                                         float[] dw, float[] dbias) {
        int k = s.patchSize();
        int p = s.outPlane();
        int og = s.groupOutChannels();
        boolean direct = Im2col.isIdentity(s);
        float[] cols = direct ? null : ConvScratch.cols(k * p);
        float[] dwt = ConvScratch.weightsTransposed(k * og);
        for (int g = 0; g < s.groups(); g++) {
            java.util.Arrays.fill(dwt, 0, k * og, 0f);
            for (int n = from; n < to; n++) {
                float[] b = patches(s, x, n, g, cols);
                int bOff = direct ? planeOffset(s, n, g) : 0;
                int dyOff = (n * s.outChannels() + g * og) * p;
                gemm.sgemm(Transpose.N, Transpose.T, k, og, p, 1f, b, bOff, p, dy, dyOff, p, 1f, dwt, 0, og);
            }
            int w0 = g * og * k;
            for (int o = 0; o < og; o++) {
                for (int i = 0; i < k; i++) {
                    dw[w0 + o * k + i] += dwt[i * og + o];
                }
            }
        }
        if (dbias != null) {
            addBiasGradient(s, dy, from, to, dbias);
        }
    }

    /** {@code dbias[o] += } the sum of dy's plane o of each image in {@code [from, to)}, a vector at a time. */
    static void addBiasGradient(Conv2dShape s, float[] dy, int from, int to, float[] dbias) {
        int p = s.outPlane();
        for (int n = from; n < to; n++) {
            for (int o = 0; o < s.outChannels(); o++) {
                dbias[o] += VectorReductions.sumOf(dy, (n * s.outChannels() + o) * p, p);
            }
        }
    }

    static void addInto(float[] part, float[] total) {
        for (int i = 0; i < part.length; i++) {
            total[i] += part[i];
        }
    }

    @Override
    public void pool2d(Pool2dShape s, float[] x, float[] y, int[] argmax) {
        if (s.mode() == PoolMode.MAX) {
            VectorPooling.Plan plan = VectorPooling.plan(s);
            forImages(s.planes(), tasksFor(s.planes()), (task, from, to) -> {
                for (int p = from; p < to; p++) {
                    VectorPooling.maxPlane(s, plan, p, x, y, argmax);
                }
            });
            return;
        }
        forImages(s.planes(), tasksFor(s.planes()), (task, from, to) -> {
            for (int p = from; p < to; p++) {
                Pooling.forwardPlane(s, p, x, y, argmax);
            }
        });
    }

    @Override
    public void pool2dBackward(Pool2dShape s, float[] dy, int[] argmax, float[] dx) {
        forImages(s.planes(), tasksFor(s.planes()), (task, from, to) -> {
            for (int p = from; p < to; p++) {
                Pooling.backwardPlane(s, p, dy, argmax, dx);
            }
        });
    }

    @Override
    public void responseNorm(ResponseNorm n, NchwShape s, float[] x, float[] y, float[] denom) {
        forImages(s.batch(), tasksFor(s.batch()), (task, from, to) -> {
            for (int img = from; img < to; img++) {
                ResponseNorms.forwardImage(n, s, img, x, y, denom);
            }
        });
    }

    @Override
    public void responseNormBackward(ResponseNorm n, NchwShape s, float[] x, float[] y, float[] denom,
                                     float[] dy, float[] dx) {
        forImages(s.batch(), tasksFor(s.batch()), (task, from, to) -> {
            float[] t = new float[s.image()];
            for (int img = from; img < to; img++) {
                ResponseNorms.backwardImage(n, s, img, x, y, denom, dy, dx, t);
            }
        });
    }
}
