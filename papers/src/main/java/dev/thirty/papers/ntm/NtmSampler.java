package dev.thirty.papers.ntm;

import dev.thirty.autograd.GradMode;
import dev.thirty.experiment.Sampler;
import dev.thirty.experiment.TrainingState;
import dev.thirty.experiment.vision.HeatStrips;
import dev.thirty.io.Checkpoint;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code thirty sample RUN --length N} for an NTM run: the trained machine (or LSTM baseline) on a new
 * episode of size N drawn from {@code --seed}, printed channel by channel with time across, and drawn in
 * the style of the paper's Figure 6 (inputs, targets, outputs, then each head's weighting over the memory
 * rows) into the run folder.
 */
final class NtmSampler {

    private NtmSampler() {
    }

    /** What the model did on one episode: output probabilities of every step and, for an NTM, each head's weightings. */
    record Trace(Episode episode, float[] outputs, List<float[]> weightings, int readHeads, int wrongBits) {
    }

    static Trace trace(NtmExperiment.TaskModel model, NtmConfig c, Episode e) {
        return GradMode.noGrad(() -> {
            int out = e.outputWidth();
            float[] logits = new float[e.steps() * out];                  // (T, O): batch 1
            List<float[]> weightings = new ArrayList<>();
            Ntm ntm = model.ntm();
            if (ntm != null) {
                int heads = c.readHeads() + c.writeHeads();
                for (int h = 0; h < heads; h++) {
                    weightings.add(new float[e.steps() * c.rows()]);
                }
                Ntm.State s = ntm.initialState(1);
                for (int t = 0; t < e.steps(); t++) {
                    Ntm.Step step = ntm.step(e.input(t), s);
                    s = step.state();
                    System.arraycopy(step.logits().toArray(), 0, logits, t * out, out);
                    for (int h = 0; h < heads; h++) {
                        System.arraycopy(s.weightings().get(h).toArray(), 0, weightings.get(h), t * c.rows(), c.rows());
                    }
                }
            } else {
                LstmBaseline lstm = (LstmBaseline) model.members().get(0).module();
                System.arraycopy(lstm.forward(e.sequence()).toArray(), 0, logits, 0, logits.length);
            }
            int wrong = NtmExperiment.wrongBits(Arrays.copyOfRange(logits, e.firstOutput() * out, logits.length),
                    e.targets());
            float[] probs = Tensor.of(logits, e.steps(), out).sigmoid().toArray();
            return new Trace(e, probs, weightings, c.readHeads(), wrong);
        });
    }

    static String sample(NtmConfig c, Checkpoint checkpoint, Sampler.Request request, Path runDir) throws IOException {
        if (!request.prime().isEmpty()) {
            throw new IllegalArgumentException("sample: ntm takes no --prime; --length sets the episode's "
                    + Task.of(c).sizeName() + " and --seed draws it");
        }
        NtmExperiment.TaskModel model = NtmExperiment.of(c, 0);
        TrainingState.restoreWeights(checkpoint, model.module());
        Task task = model.task();
        Episode e = task.episode(Rng.seeded(request.seed()), 1, request.length());
        Trace trace = trace(model, c, e);
        StringBuilder text = new StringBuilder(describe(trace, task, checkpoint.step()));
        if (runDir != null) {
            Path picture = runDir.resolve(String.format(Locale.ROOT, "sample-%s-%d-seed%d.png", task.name(),
                    request.length(), request.seed()));
            List<HeatStrips.Panel> panels = panels(trace, c.rows());
            HeatStrips.writePng(picture, panels, Math.max(2, 800 / e.steps()), 6);
            text.append("\npicture, time left to right, one strip each: ");
            text.append(String.join("; ", panels.stream().map(HeatStrips.Panel::name).toList()));
            text.append("\n  ").append(picture);
        }
        return text.toString();
    }

    /** The episode as text: one line per channel, time across; '#' is 1, '.' 0, '*' another value, 'X' a wrong output bit. */
    static String describe(Trace trace, Task task, long step) {
        Episode e = trace.episode();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s, %s %d, after %,d training sequences: %d wrong bits of %d%n%ninputs (channel per line):%n",
                task.name(), task.sizeName(), e.size(), step, trace.wrongBits(), e.targets().length));
        for (int k = 0; k < e.inputWidth(); k++) {
            for (int t = 0; t < e.steps(); t++) {
                float v = e.inputs()[t * e.inputWidth() + k];
                sb.append(v == 1f ? '#' : v == 0f ? '.' : '*');
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%ntargets and outputs (output steps %d-%d; X marks a wrong bit):%n",
                e.firstOutput(), e.steps() - 1));
        int out = e.outputWidth();
        for (int k = 0; k < out; k++) {
            StringBuilder target = new StringBuilder();
            StringBuilder said = new StringBuilder();
            for (int j = 0; j < e.outputSteps(); j++) {
                boolean want = e.targets()[j * out + k] > 0.5f;
                boolean got = trace.outputs()[(e.firstOutput() + j) * out + k] > 0.5f;
                target.append(want ? '#' : '.');
                said.append(want != got ? 'X' : got ? '#' : '.');
            }
            sb.append("  want ").append(target).append("\n  said ").append(said).append('\n');
        }
        return sb.toString();
    }

    /** Figure 6's panels: inputs, targets (in the steps they are due), outputs, then each head's weighting. */
    static List<HeatStrips.Panel> panels(Trace trace, int rows) {
        Episode e = trace.episode();
        int out = e.outputWidth();
        float[] targets = new float[e.steps() * out];
        System.arraycopy(e.targets(), 0, targets, e.firstOutput() * out, e.targets().length);
        float[] inputs = e.inputs().clone();
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Math.abs(inputs[i]);      // a count or priority shows by its size
        }
        List<HeatStrips.Panel> panels = new ArrayList<>(List.of(
                HeatStrips.Panel.ofSteps("inputs", inputs, e.steps(), e.inputWidth()),
                HeatStrips.Panel.ofSteps("targets", targets, e.steps(), out),
                HeatStrips.Panel.ofSteps("outputs", trace.outputs(), e.steps(), out)));
        for (int h = 0; h < trace.weightings().size(); h++) {
            String name = h < trace.readHeads() ? "read " + h : "write " + (h - trace.readHeads());
            HeatStrips.Panel all = HeatStrips.Panel.ofSteps(name + " weighting", trace.weightings().get(h), e.steps(),
                    rows);
            int[] used = usedRows(all);
            panels.add(all.rows(used[0], used[1]));
        }
        return panels;
    }

    /**
     * The rows a head visits, as {@code {first, count}} for {@link HeatStrips.Panel#rows}: every row the
     * weighting puts more than 5% on at some step, and two rows either side, taken circularly (the memory
     * wraps under the shifts), by leaving out the longest circular run of unvisited rows. This is the
     * zoom of Figure 6, which shows only the locations a head uses. A head that visits no row so
     * strongly is shown whole.
     */
    static int[] usedRows(HeatStrips.Panel weighting) {
        int n = weighting.rows();
        boolean[] visited = new boolean[n];
        boolean any = false;
        for (int r = 0; r < n; r++) {
            for (int t = 0; t < weighting.columns() && !visited[r]; t++) {
                visited[r] = weighting.values()[r * weighting.columns() + t] > 0.05f;
            }
            any |= visited[r];
        }
        if (!any) {
            return new int[] {0, n};
        }
        int gapStart = 0;
        int gapLength = 0;
        for (int r = 0; r < n; r++) {
            if (visited[r] || !visited[(r + n - 1) % n]) {      // not the first row of an unvisited run
                continue;
            }
            int len = 0;
            while (len < n && !visited[(r + len) % n]) {
                len++;
            }
            if (len > gapLength) {
                gapStart = r;
                gapLength = len;
            }
        }
        int margin = Math.min(2, gapLength / 2);
        int count = n - gapLength + 2 * margin;
        int first = ((gapStart + gapLength - margin) % n + n) % n;
        return new int[] {first, Math.min(n, count)};
    }
}
