package dev.thirty.nn.recurrent;

import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries weights between PyTorch's {@code nn.RNN/LSTM/GRU} state dict and a {@link RecurrentStack}.
 *
 * <p>PyTorch names layer {@code k}'s weights {@code weight_ih_l{k}}, {@code weight_hh_l{k}},
 * {@code bias_ih_l{k}}, {@code bias_hh_l{k}}; the stack names them {@code {k}.weight_ih} etc. The
 * layouts are identical (gate blocks stacked row-wise, {@code i, f, g, o} for the LSTM and
 * {@code r, z, n} for the GRU), so loading is a rename and a copy. Only unidirectional stacks
 * without projections ({@code proj_size=0}) and with biases carry over; names of other features
 * ({@code _reverse}, {@code weight_hr}) are reported as unexpected. The peephole and coupled cells
 * have no PyTorch counterpart and are refused; {@link RnnCell} matches {@code nn.RNN} with its
 * default {@code nonlinearity='tanh'} (a ReLU RNN's weights would load but mean something else).
 * A module's prefix
 * ({@code "rnn."}) must be stripped by the caller.
 */
public final class PyTorchRnnWeights {

    private static final List<String> ROLES = List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh");

    private PyTorchRnnWeights() {
    }

    /** The PyTorch name of the stack's parameter {@code {k}.{role}}: {@code {role}_l{k}}. */
    static String torchName(int layer, String role) {
        return role + "_l" + layer;
    }

    /**
     * Copies a PyTorch RNN state dict into {@code stack}. Every missing name, unexpected name and
     * shape mismatch is reported together in one exception, and nothing is copied unless all match.
     */
    public static void load(Map<String, Tensor> torchStateDict, RecurrentStack stack) {
        Map<String, Parameter> targets = targets(stack);
        List<String> problems = new ArrayList<>();
        targets.forEach((name, p) -> {
            Tensor found = torchStateDict.get(name);
            if (found == null) {
                problems.add("missing '" + name + "' (expected shape " + p.shape() + ")");
            } else if (!found.shape().equals(p.shape())) {
                problems.add("'" + name + "' has shape " + found.shape() + ", the stack expects " + p.shape());
            }
        });
        for (String name : torchStateDict.keySet()) {
            if (!targets.containsKey(name)) {
                problems.add("unexpected '" + name + "' (a " + stack.depth()
                        + "-layer unidirectional stack without projections has no such weight)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("PyTorchRnnWeights: the state dict does not fit the stack: "
                    + String.join("; ", problems));
        }
        targets.forEach((name, p) -> System.arraycopy(torchStateDict.get(name).data(), 0, p.data(), 0, p.size()));
    }

    /** The stack's weights under PyTorch's names, sharing storage with the parameters (for saving). */
    public static Map<String, Tensor> export(RecurrentStack stack) {
        return new LinkedHashMap<>(targets(stack));
    }

    private static Map<String, Parameter> targets(RecurrentStack stack) {
        Map<String, Parameter> named = stack.namedParameters();
        Map<String, Parameter> targets = new LinkedHashMap<>();
        for (int k = 0; k < stack.depth(); k++) {
            RecurrentCell cell = stack.layer(k);
            if (!(cell instanceof RnnCell || cell instanceof LstmCell || cell instanceof GruCell)) {
                throw new IllegalArgumentException("PyTorchRnnWeights: layer " + k + " is a "
                        + cell.getClass().getSimpleName() + ", which PyTorch's RNN modules do not have");
            }
            for (String role : ROLES) {
                targets.put(torchName(k, role), named.get(k + "." + role));
            }
        }
        return targets;
    }
}
