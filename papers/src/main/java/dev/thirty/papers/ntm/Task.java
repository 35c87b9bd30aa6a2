package dev.thirty.papers.ntm;

import dev.thirty.tensor.Rng;

/**
 * A task of §4, generated in process: what the machine reads, what it must emit, and how an episode of a
 * given size is drawn. Every episode is a pure function of its generator's state, so a run that draws its
 * sequences from {@code Rng.forStep(seed, step)} is reproducible and resumes exactly.
 */
public sealed interface Task permits CopyTask, RepeatCopyTask, RecallTask, SortTask {

    /** The name {@code --set task=} takes. */
    String name();

    /** Input width I. */
    int inputWidth();

    /** Output width O. */
    int outputWidth();

    /** What an episode's size counts, for tables: "length", "items", "vectors". */
    String sizeName();

    /** A batch of {@code batch} sequences of size {@code size}. */
    Episode episode(Rng rng, int batch, int size);

    /** A batch whose size is uniform in {@code [minSize, maxSize]} (drawn first, then the episode). */
    default Episode sample(Rng rng, int batch, int minSize, int maxSize) {
        if (minSize < 1 || maxSize < minSize) {
            throw new IllegalArgumentException(name() + ": need 1 <= minLength <= maxLength, got " + minSize + ".."
                    + maxSize);
        }
        return episode(rng, batch, minSize + rng.nextInt(maxSize - minSize + 1));
    }

    /** The task {@code c} names, with its settings. */
    static Task of(NtmConfig c) {
        return switch (c.task()) {
            case "copy" -> new CopyTask();
            case "repeat-copy" -> new RepeatCopyTask(c.minRepeats(), c.maxRepeats());
            case "recall" -> new RecallTask();
            case "sort" -> new SortTask();
            default -> throw new IllegalArgumentException("task must be copy, repeat-copy, recall or sort, got '"
                    + c.task() + "'");
        };
    }

    /** {@code count} random bits, 0 or 1, into {@code into} from {@code from}. */
    static void randomBits(Rng rng, float[] into, int from, int count) {
        for (int i = from; i < from + count; i++) {
            into[i] = rng.nextBoolean() ? 1f : 0f;
        }
    }
}
