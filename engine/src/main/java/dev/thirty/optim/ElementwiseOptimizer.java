package dev.thirty.optim;

import dev.thirty.kernels.ComputePool;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every optimizer here shares: groups, the learning rate, per-parameter state buffers and
 * step counts, the loop over parameters, and state export/import. A subclass names its state
 * buffers and updates one parameter at a time.
 *
 * <p>The updates follow PyTorch's float32 arithmetic step by step, so that they agree with
 * {@code torch.optim} to the last bit or nearly: scalars derived from hyper-parameters
 * ({@code 1 - beta1}, bias corrections) are computed in double and rounded to float where they
 * meet the tensors, as PyTorch does with Python floats; and the multiply-adds that its CPU kernels
 * fuse ({@code add(x, alpha)}, {@code addcmul}) are {@code Math.fma} here, rounding once.
 *
 * @param <C> the optimizer's hyper-parameter record
 */
abstract class ElementwiseOptimizer<C> implements Optimizer {

    private final String kind;
    private final List<ParamGroup<C>> groups;
    private final List<Tensor> params = new ArrayList<>();
    private final List<C> configs = new ArrayList<>();
    private final List<Double> lrScales = new ArrayList<>();
    /** [parameter][buffer], null until the parameter's first update. */
    private final float[][][] buffers;
    private final long[] steps;
    private double learningRate;

    ElementwiseOptimizer(String kind, List<ParamGroup<C>> groups, double learningRate) {
        this.kind = kind;
        this.groups = List.copyOf(groups);
        if (this.groups.isEmpty()) {
            throw new IllegalArgumentException(kind + ": needs at least one parameter group");
        }
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        for (ParamGroup<C> g : this.groups) {
            for (Tensor p : g.params()) {
                Integer before = seen.put(p, params.size());
                if (before != null) {
                    throw new IllegalArgumentException(kind + ": parameter " + params.size()
                            + " is the same tensor as parameter " + before + "; each may appear once");
                }
                params.add(p);
                configs.add(g.config());
                lrScales.add(g.lrScale());
            }
        }
        this.buffers = new float[params.size()][][];
        this.steps = new long[params.size()];
        setLearningRate(learningRate);
    }

    /** The names of the state buffers a parameter of a group with {@code config} keeps, in order. */
    abstract List<String> bufferNames(C config);

    /** Fills a parameter's freshly zeroed buffers before its first update. */
    void initBuffers(C config, float[][] state) {
    }

    /**
     * Updates one parameter in place.
     *
     * @param step  this parameter's update count including this one (1 on the first)
     * @param param the parameter's storage
     * @param grad  its gradient, read only
     * @param state its buffers, in {@link #bufferNames} order
     */
    abstract void update(C config, double lr, long step, float[] param, float[] grad, float[][] state);

    /**
     * Updates every parameter that has a gradient. Parameters are independent (each has its own
     * data, gradient, buffers and step count), so they are shared out among the threads of the
     * current compute pool; the result is the same for any number of threads.
     */
    @Override
    public final void step() {
        ComputePool.current().parallelFor(params.size(), i -> {
            Tensor p = params.get(i);
            Tensor grad = p.grad();
            if (grad == null) {
                return;
            }
            C config = configs.get(i);
            if (buffers[i] == null) {
                buffers[i] = new float[bufferNames(config).size()][p.size()];
                initBuffers(config, buffers[i]);
            }
            steps[i]++;
            update(config, learningRate * lrScales.get(i), steps[i], p.data(), grad.data(), buffers[i]);
        });
    }

    @Override
    public final void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(kind + ": learning rate must be finite and >= 0, got "
                    + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public final List<Tensor> parameters() {
        return List.copyOf(params);
    }

    /** The parameter groups, as given. */
    public final List<ParamGroup<C>> groups() {
        return groups;
    }

    @Override
    public final OptimizerState exportState() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            if (buffers[i] == null) {
                continue;
            }
            counts.put(OptimizerState.key(i, "step"), steps[i]);
            List<String> names = bufferNames(configs.get(i));
            int[] dims = params.get(i).shape().dims();
            for (int b = 0; b < names.size(); b++) {
                tensors.put(OptimizerState.key(i, names.get(b)), Tensor.of(buffers[i][b], dims));
            }
        }
        return new OptimizerState(kind, tensors, counts);
    }

    @Override
    public final void importState(OptimizerState state) {
        if (!state.optimizer().equals(kind)) {
            throw new IllegalArgumentException(kind + ": cannot import the state of a "
                    + state.optimizer() + " optimizer");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Tensor> unused = new LinkedHashMap<>(state.tensors());
        Map<String, Long> unusedCounts = new LinkedHashMap<>(state.counts());
        float[][][] newBuffers = new float[params.size()][][];
        long[] newSteps = new long[params.size()];
        for (int i = 0; i < params.size(); i++) {
            Long step = unusedCounts.remove(OptimizerState.key(i, "step"));
            List<String> names = bufferNames(configs.get(i));
            if (step == null) {
                continue;
            }
            if (step < 1) {
                problems.add(OptimizerState.key(i, "step") + " is " + step + ", must be >= 1");
            }
            newSteps[i] = step;
            newBuffers[i] = new float[names.size()][];
            for (int b = 0; b < names.size(); b++) {
                String key = OptimizerState.key(i, names.get(b));
                Tensor t = unused.remove(key);
                if (t == null) {
                    problems.add(key + " is missing");
                } else if (!t.shape().equals(params.get(i).shape())) {
                    problems.add(key + " has shape " + t.shape() + ", parameter " + i + " has shape "
                            + params.get(i).shape());
                } else {
                    newBuffers[i][b] = t.toArray();
                }
            }
        }
        unused.keySet().forEach(k -> problems.add(k + " is not expected (no step count, or not a buffer"
                + " of this optimizer's configuration)"));
        unusedCounts.keySet().forEach(k -> problems.add(k + " is not expected"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(kind + ": cannot import state: " + String.join("; ", problems));
        }
        System.arraycopy(newBuffers, 0, buffers, 0, buffers.length);
        System.arraycopy(newSteps, 0, steps, 0, steps.length);
    }
}
