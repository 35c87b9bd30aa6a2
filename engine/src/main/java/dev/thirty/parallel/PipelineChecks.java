package dev.thirty.parallel;

import dev.thirty.nn.Sequential;
import dev.thirty.nn.Stochastic;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link Pipeline} refuses to run, checked once when it is built, each with a message naming the layer. */
final class PipelineChecks {

    private PipelineChecks() {
    }

    /** A parameter shared by two stages would be updated by two threads. */
    static void parameters(Sequential model, PipelineStage[] stages) {
        Map<Parameter, String> owner = new IdentityHashMap<>();
        for (PipelineStage s : stages) {
            for (int i = s.from; i < s.to; i++) {
                String layer = model.names().get(i);
                for (Parameter p : model.get(i).parameters()) {
                    String before = owner.putIfAbsent(p, "stage " + s.index + " (layer " + layer + ")");
                    if (before != null && !before.startsWith("stage " + s.index + " ")) {
                        throw new IllegalArgumentException("pipeline: a parameter of shape " + p.shape()
                                + " is shared by " + before + " and stage " + s.index + " (layer " + layer
                                + "); each parameter must live in one stage");
                    }
                }
            }
        }
    }

    /**
     * A generator drawn from by two stages would be raced on by their threads; one whose state cannot be
     * read cannot give a recomputed forward the same masks.
     */
    static void generators(Sequential model, PipelineStage[] stages, Checkpointing checkpointing) {
        Map<Object, String> owner = new IdentityHashMap<>();
        for (PipelineStage s : stages) {
            for (int i = s.from; i < s.to; i++) {
                String layer = model.names().get(i);
                List<Stochastic> found = new ArrayList<>();
                model.get(i).apply(mod -> {
                    if (mod instanceof Stochastic st) {
                        found.add(st);
                    }
                });
                for (Stochastic st : found) {
                    Object g = st.generator();
                    String before = owner.putIfAbsent(g, "stage " + s.index + " (layer " + layer + ")");
                    if (before != null) {
                        if (!before.startsWith("stage " + s.index + " ")) {
                            throw new IllegalArgumentException("pipeline: layers of " + before + " and stage " + s.index
                                    + " (layer " + layer + ") draw from the same random generator, which their threads"
                                    + " would race on; give each stage's dropout a generator of its own (Rng.split())");
                        }
                        continue;
                    }
                    if (!(g instanceof Rng) && checkpointing != Checkpointing.NEVER) {
                        throw new IllegalArgumentException("pipeline: layer " + layer + " draws from a "
                                + g.getClass().getSimpleName() + ", whose state cannot be saved, so a recomputed forward"
                                + " would draw different dropout masks; give it a dev.thirty.tensor.Rng or use"
                                + " checkpointing never");
                    }
                }
            }
        }
    }

    /** Running statistics would be those of micro-batches, and updated again by every recomputation. */
    static void runningStatistics(Sequential model, int microBatches, Checkpointing checkpointing) {
        if (microBatches == 1 && checkpointing == Checkpointing.NEVER) {
            return;
        }
        for (int i = 0; i < model.size(); i++) {
            String layer = model.names().get(i);
            List<String> found = new ArrayList<>();
            model.get(i).apply(mod -> {
                if (!mod.namedBuffers().isEmpty() && found.isEmpty()) {
                    found.add(mod.getClass().getSimpleName() + " " + mod.namedBuffers().keySet());
                }
            });
            if (!found.isEmpty()) {
                throw new IllegalArgumentException("pipeline: layer " + layer + " (" + found.get(0)
                        + ") keeps running statistics across a batch; with " + microBatches + " micro-batches and"
                        + " checkpointing " + checkpointing.key() + " they would be those of micro-batches, updated"
                        + " once per micro-batch and again by each recomputation. Pipelined training refuses it"
                        + " (deferred batch norm is not built); use 1 micro-batch with checkpointing never");
            }
        }
    }
}
