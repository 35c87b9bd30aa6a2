package dev.thirty.tensor;

import dev.thirty.autograd.Backprop;
import dev.thirty.autograd.BackwardFn;
import dev.thirty.autograd.GradMode;
import dev.thirty.autograd.Node;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A float32 tensor: a {@link Shape} over contiguous row-major storage.
 *
 * <p>Operations return new tensors and never change their inputs. A tensor computed from inputs
 * that require gradients records the {@link Node} that made it, and {@link #backward()} pushes
 * gradients down to the leaves. Leaves are made by the factories here; {@link #requiringGrad()}
 * marks one as a trainable leaf whose {@link #grad()} accumulates across backward calls until
 * {@link #zeroGrad()}.
 *
 * <p>Reshapes share storage. {@link #data()} exposes the storage itself for kernels and
 * optimizers; everything else treats tensors as values.
 */
public sealed class Tensor permits Parameter {

    private final float[] data;
    private final Shape shape;
    private final boolean requiresGrad;
    private final Node node;
    // the step scope whose array `data` is, if any: the values are only this tensor's until it closes
    private final StepArena.Scope lender;
    private float[] grad;

    Tensor(float[] data, Shape shape, boolean requiresGrad, Node node) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("tensor of shape " + shape + " needs " + shape.size()
                    + " values, got " + data.length);
        }
        this.data = data;
        this.shape = shape;
        this.requiresGrad = requiresGrad;
        this.node = node;
        this.lender = StepArena.lenderOf(data);
    }

    // a view of another tensor's storage, lent by the same scope
    private Tensor(Tensor of, boolean requiresGrad) {
        this.data = of.data();
        this.shape = of.shape;
        this.requiresGrad = requiresGrad;
        this.node = null;
        this.lender = of.lender;
    }

    // ---- factories ------------------------------------------------------------------------

    /** A tensor holding a copy of {@code values}, with the given shape. */
    public static Tensor of(float[] values, int... shape) {
        return new Tensor(values.clone(), Shape.of(shape), false, null);
    }

    /** A rank-1 tensor holding a copy of {@code values}. */
    public static Tensor vector(float... values) {
        return new Tensor(values.clone(), Shape.of(values.length), false, null);
    }

    /** A rank-0 tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, Shape.scalar(), false, null);
    }

    /** A tensor that takes ownership of {@code storage} (no copy): for kernels and loaders. */
    public static Tensor wrap(float[] storage, Shape shape) {
        return new Tensor(storage, shape, false, null);
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shape.of(shape).size()], Shape.of(shape), false, null);
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shape.of(shape).size()];
        Arrays.fill(d, value);
        return new Tensor(d, Shape.of(shape), false, null);
    }

    /** {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** {@code start, start+step, ...} up to but excluding {@code end}. */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || !Float.isFinite(step) || !Float.isFinite(start) || !Float.isFinite(end)) {
            throw new IllegalArgumentException("arange: start, end and a non-zero step must be finite,"
                    + " got " + start + ", " + end + ", " + step);
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        return new Tensor(d, Shape.of(n), false, null);
    }

    /** Samples from a normal distribution with the given mean and standard deviation. */
    public static Tensor normal(RandomGenerator rng, float mean, float std, int... shape) {
        float[] d = new float[Shape.of(shape).size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (mean + std * rng.nextGaussian());
        }
        return new Tensor(d, Shape.of(shape), false, null);
    }

    /** Standard normal samples. */
    public static Tensor randn(RandomGenerator rng, int... shape) {
        return normal(rng, 0f, 1f, shape);
    }

    /** Samples uniform in {@code [lo, hi)}. */
    public static Tensor uniform(RandomGenerator rng, float lo, float hi, int... shape) {
        float[] d = new float[Shape.of(shape).size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return new Tensor(d, Shape.of(shape), false, null);
    }

    /**
     * The result of an operation: {@code data} (owned, not copied) shaped {@code shape}. When
     * gradients are being recorded and any input requires them, the result records a node whose
     * {@code backward} feeds the inputs' gradients. Every op in the engine builds its output here.
     */
    public static Tensor derived(String op, Shape shape, float[] data, BackwardFn backward, Tensor... inputs) {
        boolean track = false;
        if (GradMode.isEnabled()) {
            for (Tensor t : inputs) {
                track |= t.requiresGrad;
            }
        }
        return new Tensor(data, shape, track, track ? new Node(op, List.of(inputs), backward) : null);
    }

    // ---- accessors --------------------------------------------------------------------------

    public Shape shape() {
        return shape;
    }

    /** Dimension {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    public int rank() {
        return shape.rank();
    }

    public int size() {
        return shape.size();
    }

    /**
     * The live storage, row-major. Mutate it only where nothing else reads it (optimizers).
     *
     * @throws IllegalStateException if the tensor was computed inside a {@link StepArena} scope that has
     *     since closed (its storage belongs to a later step now)
     */
    public float[] data() {
        if (lender != null) {
            lender.checkOpen(shape);
        }
        return data;
    }

    /** A copy of the values. */
    public float[] toArray() {
        return data().clone();
    }

    /** The single value of a one-element tensor. */
    public float item() {
        float[] data = data();
        if (data.length != 1) {
            throw new IllegalStateException("item: tensor of shape " + shape + " has " + data.length
                    + " elements, not 1");
        }
        return data[0];
    }

    /** The element at a full index. */
    public float get(int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("get: index of rank " + index.length
                    + " for tensor of shape " + shape);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape.dim(i);
            if (index[i] < 0 || index[i] >= d) {
                throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index)
                        + " is out of bounds for shape " + shape);
            }
            flat = flat * d + index[i];
        }
        return data()[flat];
    }

    // ---- operations: each delegates to the class that defines it and its gradient ---------------

    /** {@code this + other}, broadcasting ({@link Arithmetic#add}). */
    public Tensor add(Tensor other) {
        return Arithmetic.add(this, other);
    }

    public Tensor add(float s) {
        return Arithmetic.add(this, s);
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return Arithmetic.sub(this, other);
    }

    public Tensor sub(float s) {
        return Arithmetic.sub(this, s);
    }

    /** Elementwise {@code this * other}, broadcasting. */
    public Tensor mul(Tensor other) {
        return Arithmetic.mul(this, other);
    }

    public Tensor mul(float s) {
        return Arithmetic.mul(this, s);
    }

    /** Elementwise {@code this / other}, broadcasting. */
    public Tensor div(Tensor other) {
        return Arithmetic.div(this, other);
    }

    public Tensor div(float s) {
        return Arithmetic.div(this, s);
    }

    public Tensor neg() {
        return Pointwise.neg(this);
    }

    public Tensor exp() {
        return Pointwise.exp(this);
    }

    public Tensor log() {
        return Pointwise.log(this);
    }

    public Tensor square() {
        return Pointwise.square(this);
    }

    public Tensor sqrt() {
        return Pointwise.sqrt(this);
    }

    public Tensor pow(float p) {
        return Pointwise.pow(this, p);
    }

    public Tensor tanh() {
        return Pointwise.tanh(this);
    }

    public Tensor sigmoid() {
        return Pointwise.sigmoid(this);
    }

    public Tensor relu() {
        return Pointwise.relu(this);
    }

    /** GELU, tanh approximation (GPT-2's); see {@link Pointwise#gelu}. */
    public Tensor gelu() {
        return Pointwise.gelu(this);
    }

    /** GELU, exact form {@code x Phi(x)} (PyTorch's default); see {@link Pointwise#geluExact}. */
    public Tensor geluExact() {
        return Pointwise.geluExact(this);
    }

    /** Sum of all elements (rank 0). */
    public Tensor sum() {
        return Reductions.sum(this);
    }

    /** Sum along {@code axis}, dropping it. */
    public Tensor sum(int axis) {
        return Reductions.sum(this, axis, KeepDim.NO);
    }

    /** Mean of all elements (rank 0). */
    public Tensor mean() {
        return Reductions.mean(this);
    }

    /** Mean along {@code axis}, dropping it. */
    public Tensor mean(int axis) {
        return Reductions.mean(this, axis, KeepDim.NO);
    }

    /** Maximum along {@code axis}, dropping it. */
    public Tensor max(int axis) {
        return Reductions.max(this, axis, KeepDim.NO);
    }

    /** {@code this @ other} on the last two axes ({@link LinearAlgebra#matmul}). */
    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other);
    }

    /** Same values, new shape (one dimension may be -1); shares storage. */
    public Tensor reshape(int... newShape) {
        return Layout.reshape(this, newShape);
    }

    public Tensor permute(int... axes) {
        return Layout.permute(this, axes);
    }

    public Tensor transpose(int axis0, int axis1) {
        return Layout.transpose(this, axis0, axis1);
    }

    /** Elements {@code [start, end)} along {@code axis}. */
    public Tensor slice(int axis, int start, int end) {
        return Layout.slice(this, axis, start, end);
    }

    // ---- autograd -----------------------------------------------------------------------------

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The node that computed this tensor, or null for a leaf. */
    public Node node() {
        return node;
    }

    public boolean isLeaf() {
        return node == null;
    }

    /** A trainable leaf sharing this tensor's storage. */
    public Tensor requiringGrad() {
        return new Tensor(this, true);
    }

    /** The same values cut from the graph: a leaf that does not require gradients. */
    public Tensor detach() {
        return new Tensor(this, false);
    }

    /** Backpropagates from this one-element tensor (a loss), seeding its gradient with 1. */
    public void backward() {
        if (size() != 1) {
            throw new IllegalStateException("backward: called on a tensor of shape " + shape
                    + "; pass the gradient explicitly for tensors with more than one element");
        }
        Backprop.run(this, new float[] {1f});
    }

    /** Backpropagates {@code gradient}, the loss's gradient with respect to this tensor. */
    public void backward(Tensor gradient) {
        if (!gradient.shape.equals(shape)) {
            throw new IllegalArgumentException("backward: gradient of shape " + gradient.shape
                    + " for a tensor of shape " + shape);
        }
        Backprop.run(this, gradient.data());
    }

    /** The accumulated gradient of a leaf, as a tensor sharing its buffer; null if none yet. */
    public Tensor grad() {
        return grad == null ? null : new Tensor(grad, shape, false, null);
    }

    /** Sets the accumulated gradient to zero (keeps the buffer). */
    public void zeroGrad() {
        if (grad != null) {
            Arrays.fill(grad, 0f);
        }
    }

    /** The gradient accumulation buffer of a leaf, created zeroed on first use. */
    public float[] gradBuffer() {
        if (!requiresGrad || node != null) {
            throw new IllegalStateException("only leaves that require gradients have a gradient buffer");
        }
        if (grad == null) {
            grad = new float[data.length];
        }
        return grad;
    }

    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
