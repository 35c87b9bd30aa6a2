package dev.thirty.tensor;

/**
 * A trainable tensor: a leaf that requires gradients, owned by a module under a name and updated
 * in place by an optimizer. Apart from its type it is an ordinary {@link Tensor}, so a model's
 * forward pass uses it like any other value.
 */
public final class Parameter extends Tensor {

    private Parameter(float[] data, Shape shape) {
        super(data, shape, true, null);
    }

    /** A parameter holding a copy of {@code initial}'s values. */
    public static Parameter of(Tensor initial) {
        return new Parameter(initial.toArray(), initial.shape());
    }

    /** A zero-filled parameter of the given shape (an initialiser fills it next). */
    public static Parameter zeros(int... shape) {
        Shape s = Shape.of(shape);
        return new Parameter(new float[s.size()], s);
    }
}
