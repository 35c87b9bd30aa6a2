package dev.thirty.papers.lstm;

import dev.thirty.autograd.GradMode;
import dev.thirty.experiment.Citation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.nn.recurrent.CellType;
import dev.thirty.optim.Adam;
import dev.thirty.optim.GradClip;
import dev.thirty.tensor.Reductions;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code thirty run lstm}: the vanilla RNN, the GRU and the LSTM on {@link RecallTask} at equal
 * parameter budget (each recurrent layer sized to the LSTM's parameter count), every cell trained
 * afresh with Adam on fresh sequences for each gap, then tested on 1,000 unseen ones.
 *
 * <p>Metrics: {@code <cell>/accuracy} and {@code <cell>/test-loss} are logged with the gap in place
 * of the step, so the report's accuracy plot is every cell's accuracy against the gap (its x axis
 * says "step"). samples.md holds the table.
 *
 * <p>Reproducibility: cell {@code c} on gap {@code g} initialises from {@code Rng.seeded(seed)} and
 * draws its training sequences from {@code Rng.seeded(seed + 1)} (the same sequences for every
 * cell), its test sequences from {@code Rng.seeded(seed + 2)}. A run takes minutes and is not
 * checkpointed; an interrupted run stops between cells.
 */
public final class RecallExperiment implements Experiment<RecallConfig> {

    /** The cells compared, in table order. */
    static final List<CellType> CELLS = List.of(CellType.RNN, CellType.GRU, CellType.LSTM);

    @Override
    public String name() {
        return "lstm";
    }

    @Override
    public String title() {
        return "Understanding LSTM Networks: recalling a value across a gap, RNN vs GRU vs LSTM";
    }

    @Override
    public Citation citation() {
        return new Citation("Olah (2015). Understanding LSTM Networks; Hochreiter and Schmidhuber (1997). Long"
                + " short-term memory. Neural Computation 9(8).", "https://colah.github.io/posts/2015-08-Understanding-LSTMs/");
    }

    @Override
    public Class<RecallConfig> configType() {
        return RecallConfig.class;
    }

    @Override
    public Map<String, RecallConfig> presets() {
        Map<String, RecallConfig> p = new LinkedHashMap<>();
        p.put("cpu", RecallConfig.cpu());
        p.put("tiny", RecallConfig.tiny());
        return p;
    }

    @Override
    public Headline headline() {
        return new Headline("lstm/accuracy", 1.0, 0.95, Headline.Direction.HIGHER,
                "the LSTM's test accuracy at the largest gap; the essay and Hochreiter and Schmidhuber (1997)"
                        + " claim long lags are solved, the vanilla RNN is expected near chance");
    }

    /** One cell's result on one gap. */
    record Result(CellType cell, int gap, int hidden, long parameters, double loss, double accuracy) {
    }

    @Override
    public RunResult run(RecallConfig c, RunContext ctx) throws IOException {
        long budget = new RecallModel(CellType.LSTM, vocab(c), c.lstmHidden(), c.symbols(), 2, Rng.seeded(0))
                .recurrentParameters();
        List<Result> results = new ArrayList<>();
        int done = 0;
        int total = c.gaps().length * CELLS.size();
        for (int gap : c.gaps()) {
            for (CellType cell : CELLS) {
                if (ctx.stopRequested()) {
                    ctx.writeSamples(table(c, budget, results));
                    return RunResult.interrupted(done);
                }
                Result r = train(cell, RecallModel.hiddenForBudget(cell, vocab(c), budget), gap, c, ctx.seed());
                results.add(r);
                String key = cell.name().toLowerCase(Locale.ROOT);
                ctx.log(gap, key + "/accuracy", r.accuracy());
                ctx.log(gap, key + "/test-loss", r.loss());
                ctx.say(String.format(Locale.ROOT, "gap %d, %s (H=%d, %d parameters): accuracy %.3f", gap, key,
                        r.hidden(), r.parameters(), r.accuracy()));
                ctx.progress(++done, total, r.loss());
            }
        }
        ctx.writeSamples(table(c, budget, results));
        int last = c.gaps()[c.gaps().length - 1];
        Map<String, Double> finals = new LinkedHashMap<>();
        for (Result r : results) {
            if (r.gap() == last) {
                finals.put(r.cell().name().toLowerCase(Locale.ROOT) + "/accuracy", r.accuracy());
            }
        }
        return RunResult.completed(done, finals);
    }

    private static int vocab(RecallConfig c) {
        return new RecallTask(c.symbols(), 0).inputs();
    }

    /** Trains a fresh {@code cell} of width {@code hidden} on one gap and tests it. */
    static Result train(CellType cell, int hidden, int gap, RecallConfig c, long seed) {
        RecallTask task = new RecallTask(c.symbols(), gap);
        RecallModel model = new RecallModel(cell, task.inputs(), hidden, c.symbols(), task.length(), Rng.seeded(seed));
        Adam adam = new Adam(model.parameters(), Adam.Config.defaults(), c.lr());
        Rng data = Rng.seeded(seed + 1);
        StepArena arena = new StepArena();  // each step reuses the arrays of the one before
        for (int step = 0; step < c.steps(); step++) {
            RecallTask.Batch b = task.sample(c.batch(), data);
            try (StepArena.Scope s = arena.open()) {
                adam.zeroGrad();
                Tensor loss = CrossEntropy.crossEntropy(model.forward(b.inputs()), b.targets());
                loss.backward();
                GradClip.clipGlobalNorm(model.parameters(), c.clip());
                adam.step();
            }
        }
        RecallTask.Batch test = task.sample(c.testSize(), Rng.seeded(seed + 2));
        return GradMode.noGrad(() -> {
            Tensor logits = model.forward(test.inputs());
            int[] predicted = Reductions.argmax(logits, -1);
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == test.targets()[i] ? 1 : 0;
            }
            double loss = CrossEntropy.crossEntropy(logits, test.targets()).item();
            return new Result(cell, gap, hidden, model.recurrentParameters(), loss, (double) correct / predicted.length);
        });
    }

    /** The accuracy table of samples.md: one row per gap, one column per cell. */
    static String table(RecallConfig c, long budget, List<Result> results) {
        StringBuilder sb = new StringBuilder("# Recall across a gap: test accuracy\n\n");
        sb.append(String.format(Locale.ROOT, "%d values (chance %.3f), recurrent layers of about %d"
                + " parameters, %d Adam steps of %d sequences per cell and gap.%n%n", c.symbols(),
                1.0 / c.symbols(), budget, c.steps(), c.batch()));
        sb.append("| gap |");
        for (CellType cell : CELLS) {
            Result any = results.stream().filter(r -> r.cell() == cell).findFirst().orElse(null);
            sb.append(' ').append(cell.name().toLowerCase(Locale.ROOT))
                    .append(any == null ? "" : " (H=" + any.hidden() + ", " + any.parameters() + ")").append(" |");
        }
        sb.append("\n|---|").append("---|".repeat(CELLS.size())).append('\n');
        for (int gap : c.gaps()) {
            sb.append("| ").append(gap).append(" |");
            for (CellType cell : CELLS) {
                Result r = results.stream().filter(x -> x.cell() == cell && x.gap() == gap).findFirst().orElse(null);
                sb.append(r == null ? " - |" : String.format(Locale.ROOT, " %.3f |", r.accuracy()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
