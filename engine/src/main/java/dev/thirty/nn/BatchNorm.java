package dev.thirty.nn;

import dev.thirty.nn.functional.BatchNorm.Statistics;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015) over every axis but the channels, PyTorch's
 * {@code nn.BatchNorm2d} for {@code (N, C, H, W)} input and {@code nn.BatchNorm1d} for
 * {@code (N, C)}: parameters {@code weight} and {@code bias} (gamma and beta, initialised to 1
 * and 0) and buffers {@code running_mean} and {@code running_var} (0 and 1), under PyTorch's names.
 * In {@link Mode#TRAIN} it normalises with the batch's statistics and updates the running ones
 * ({@code momentum} as PyTorch's, 0.1 by default, unbiased variance); in {@link Mode#EVAL} it
 * normalises with the running statistics. PyTorch's {@code num_batches_tracked} counter is not
 * kept: it matters only for a cumulative average (momentum None), which this layer does not offer.
 */
public final class BatchNorm extends Module implements Layer {

    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final float momentum;
    private final float eps;

    public BatchNorm(int channels, float momentum, float eps) {
        if (channels < 1) {
            throw new IllegalArgumentException("BatchNorm: channels must be positive, got " + channels);
        }
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("BatchNorm: momentum must be in [0, 1], got " + momentum);
        }
        if (!(eps > 0f) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("BatchNorm: eps must be finite and positive, got " + eps);
        }
        this.weight = parameter("weight", Parameter.of(Tensor.ones(channels)));
        this.bias = parameter("bias", Parameter.zeros(channels));
        this.runningMean = buffer("running_mean", Tensor.zeros(channels));
        this.runningVar = buffer("running_var", Tensor.ones(channels));
        this.momentum = momentum;
        this.eps = eps;
    }

    /** PyTorch's defaults: momentum 0.1, eps 1e-5. */
    public BatchNorm(int channels) {
        this(channels, dev.thirty.nn.functional.BatchNorm.DEFAULT_MOMENTUM, dev.thirty.nn.functional.BatchNorm.DEFAULT_EPS);
    }

    @Override
    public Tensor forward(Tensor x) {
        return dev.thirty.nn.functional.BatchNorm.batchNorm(x, weight, bias, runningMean, runningVar,
                isTraining() ? Statistics.BATCH : Statistics.RUNNING, momentum, eps);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    public String summary() {
        return "BatchNorm " + weight.dim(0);
    }
}
