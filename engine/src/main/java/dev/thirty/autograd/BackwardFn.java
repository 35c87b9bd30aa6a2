package dev.thirty.autograd;

/**
 * The backward half of an operation: given the gradient of the loss with respect to the
 * operation's output, <em>add</em> its contribution to the gradient of each input.
 *
 * <p>{@code inputGrads[i]} is the accumulation buffer of input {@code i}, laid out like that
 * input's data, or null when input {@code i} does not require gradients. The same buffer appears
 * twice when an input is used twice ({@code x * x}); accumulating with {@code +=} handles it.
 *
 * <p>{@code outputGrad} is lent for the call only: once it returns, the walk reuses the array as
 * another tensor's buffer, so a backward function must not keep a reference to it.
 */
@FunctionalInterface
public interface BackwardFn {

    void backward(float[] outputGrad, float[][] inputGrads);
}
