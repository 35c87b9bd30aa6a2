package dev.thirty.autograd;

import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backward walk. Orders the graph below a root topologically with an explicit stack (no
 * recursion, so depth is bounded only by memory), then visits tensors from the root down, calling
 * each node's {@link BackwardFn} once with the fully accumulated gradient of its output.
 */
public final class Backprop {

    private Backprop() {
    }

    /**
     * Propagates {@code seed}, the gradient of the loss with respect to {@code root}, to every
     * leaf below it that requires gradients, accumulating into the leaves' gradients.
     */
    public static void run(Tensor root, float[] seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor " + root.shape()
                    + " does not require gradients (no input of its graph requires them,"
                    + " or it was computed under GradMode.noGrad)");
        }
        if (seed.length != root.size()) {
            throw new IllegalArgumentException("backward: gradient has " + seed.length
                    + " elements but the tensor " + root.shape() + " has " + root.size());
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, float[]> grads = new IdentityHashMap<>();
        Buffers spare = new Buffers();
        add(bufferFor(root, grads, spare), seed);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            Node node = t.node();
            if (node == null) {
                continue;
            }
            float[] g = grads.remove(t);
            if (g == null) {
                continue;
            }
            List<Tensor> inputs = node.inputs();
            float[][] inputGrads = new float[inputs.size()][];
            for (int k = 0; k < inputGrads.length; k++) {
                Tensor in = inputs.get(k);
                inputGrads[k] = in.requiresGrad() ? bufferFor(in, grads, spare) : null;
            }
            node.backward().backward(g, inputGrads);
            spare.release(g);
        }
    }

    /**
     * Leaves accumulate straight into their own gradient; others get a zeroed buffer, reused from a
     * tensor already done with when one of the same size is spare.
     */
    private static float[] bufferFor(Tensor t, Map<Tensor, float[]> grads, Buffers spare) {
        if (t.node() == null) {
            return t.gradBuffer();
        }
        float[] g = grads.get(t);
        if (g == null) {
            g = spare.zeroed(t.size());
            grads.put(t, g);
        }
        return g;
    }

    /**
     * Gradient buffers of tensors whose backward has run, by length. A transformer's backward walk
     * needs dozens of same-sized activation gradients one after another; handing a finished one on
     * (zeroed while it is still in cache) saves allocating and zeroing fresh memory for each.
     */
    private static final class Buffers {
        private final Map<Integer, ArrayDeque<float[]>> bySize = new HashMap<>();

        float[] zeroed(int size) {
            ArrayDeque<float[]> free = bySize.get(size);
            float[] g = free == null ? null : free.poll();
            if (g == null) {
                return StepArena.zeroed(size);
            }
            Arrays.fill(g, 0f);
            return g;
        }

        void release(float[] g) {
            bySize.computeIfAbsent(g.length, n -> new ArrayDeque<>()).push(g);
        }
    }

    private static void add(float[] into, float[] g) {
        for (int i = 0; i < g.length; i++) {
            into[i] += g[i];
        }
    }

    /** Post-order of the tensors requiring gradients below {@code root}, root last. */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, false));
        while (!stack.isEmpty()) {
            Frame top = stack.pop();
            Tensor t = top.tensor();
            if (top.inputsDone()) {
                order.add(t);
                continue;
            }
            if (seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            stack.push(new Frame(t, true));
            Node node = t.node();
            if (node != null) {
                for (Tensor in : node.inputs()) {
                    if (in.requiresGrad() && !seen.containsKey(in)) {
                        stack.push(new Frame(in, false));
                    }
                }
            }
        }
        return order;
    }

    /** A tensor on the walk's stack; {@code inputsDone} once its inputs have been pushed. */
    private record Frame(Tensor tensor, boolean inputsDone) {
    }
}
