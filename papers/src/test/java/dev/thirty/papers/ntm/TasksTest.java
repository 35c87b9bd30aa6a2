package dev.thirty.papers.ntm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TasksTest {

    /** Bits 0..7 of vector v: v's index in binary on the low bits, so every vector differs. */
    private static float[] vectors(int count, int width) {
        float[] bits = new float[count * width];
        for (int v = 0; v < count; v++) {
            for (int k = 0; k < width; k++) {
                bits[v * width + k] = ((v + 1) >> k & 1);
            }
        }
        return bits;
    }

    private static float[] row(Episode e, int t) {
        return e.input(t).toArray();
    }

    private static float[] slice(float[] a, int from, int count) {
        return Arrays.copyOfRange(a, from, from + count);
    }

    @Test
    void repeatCopyReadsTheSequenceTheDelimiterAndTheCountThenEmitsTheCopiesAndAnEndMarker() {
        RepeatCopyTask task = new RepeatCopyTask(1, 10);
        float[] bits = vectors(2, 8);                      // L = 2, batch 1
        Episode e = task.episode(2, 3, 1, bits);
        assertEquals(2 + 2 + 2 * 3 + 1, e.steps());
        assertEquals(7, e.outputSteps());
        assertEquals(4, e.firstOutput());
        assertArrayEquals(slice(bits, 0, 8), slice(row(e, 0), 0, 8));
        assertArrayEquals(slice(bits, 8, 8), slice(row(e, 1), 0, 8));
        assertEquals(0f, row(e, 1)[8]);
        assertEquals(1f, row(e, 2)[8], "the delimiter");
        // the count 3 of 1..10 normalised: (3 - 5.5) / sqrt(99 / 12)
        assertEquals((3 - 5.5) / Math.sqrt(99.0 / 12), row(e, 3)[9], 1e-6);
        assertEquals(0f, row(e, 3)[8]);
        for (int t = 4; t < e.steps(); t++) {
            assertArrayEquals(new float[10], row(e, t), "silent while emitting, step " + t);
        }
        for (int r = 0; r < 3; r++) {
            for (int v = 0; v < 2; v++) {
                float[] y = e.target(r * 2 + v).toArray();
                assertArrayEquals(slice(bits, v * 8, 8), slice(y, 0, 8), "copy " + r + ", vector " + v);
                assertEquals(0f, y[8]);
            }
        }
        float[] end = e.target(6).toArray();
        assertArrayEquals(new float[8], slice(end, 0, 8));
        assertEquals(1f, end[8], "the end marker");
    }

    @Test
    void repeatCountsAreNormalisedToMeanZeroAndUnitVarianceOverTheTrainingCounts() {
        RepeatCopyTask task = new RepeatCopyTask(1, 10);
        double sum = 0;
        double squares = 0;
        for (int r = 1; r <= 10; r++) {
            double v = task.normalisedCount(r);
            sum += v;
            squares += v * v;
        }
        assertEquals(0, sum / 10, 1e-6);
        assertEquals(1, squares / 10, 1e-6);
        assertEquals(0f, new RepeatCopyTask(4, 4).normalisedCount(4));
        Rng rng = Rng.seeded(3);
        boolean[] seen = new boolean[11];
        for (int i = 0; i < 500; i++) {
            Episode e = task.sample(rng, 1, 1, 10);
            int repeats = (e.outputSteps() - 1) / e.size();
            seen[repeats] = true;
            assertEquals(e.size() + 2 + e.size() * repeats + 1, e.steps());
        }
        for (int r = 1; r <= 10; r++) {
            assertTrue(seen[r], "count " + r);
        }
        assertThrows(IllegalArgumentException.class, () -> new RepeatCopyTask(3, 2));
    }

    @Test
    void recallListsItemsBetweenDelimitersThenTheQueryThenWantsTheNextItem() {
        float[] bits = vectors(9, 6);                      // 3 items of 3 vectors, batch 1
        Episode e = RecallTask.episode(3, 1, bits, new int[] {1});
        assertEquals(3 * 4 + 5 + 3, e.steps());
        assertEquals(3, e.outputSteps());
        for (int i = 0; i < 3; i++) {
            float[] delimiter = row(e, 4 * i);
            assertEquals(1f, delimiter[6], "item delimiter before item " + i);
            assertArrayEquals(new float[6], slice(delimiter, 0, 6));
            for (int v = 0; v < 3; v++) {
                float[] at = row(e, 4 * i + 1 + v);
                assertArrayEquals(slice(bits, (3 * i + v) * 6, 6), slice(at, 0, 6));
                assertEquals(0f, at[6]);
                assertEquals(0f, at[7]);
            }
        }
        assertEquals(1f, row(e, 12)[7], "query delimiter");
        for (int v = 0; v < 3; v++) {
            assertArrayEquals(slice(bits, (3 + v) * 6, 6), slice(row(e, 13 + v), 0, 6), "the query is item 1");
            assertArrayEquals(slice(bits, (6 + v) * 6, 6), e.target(v).toArray(), "the answer is item 2");
            assertArrayEquals(new float[8], row(e, 17 + v));
        }
        assertEquals(1f, row(e, 16)[7], "closing query delimiter");
        var last = assertThrows(IllegalArgumentException.class,
                () -> RecallTask.episode(3, 1, bits, new int[] {2}));
        assertTrue(last.getMessage().contains("before the last"), last.getMessage());
    }

    /** The three vectors of item i (or of the query, i = n), one 18-bit array. */
    private static float[] item(Episode e, int i) {
        float[] all = new float[18];
        for (int v = 0; v < 3; v++) {
            System.arraycopy(row(e, 4 * i + 1 + v), 0, all, 6 * v, 6);
        }
        return all;
    }

    @Test
    void recallQueriesEveryItemButTheLast() {
        Rng rng = Rng.seeded(5);
        RecallTask task = new RecallTask();
        int[] asked = new int[6];
        for (int i = 0; i < 400; i++) {
            Episode e = task.episode(rng, 1, 6);
            float[] query = item(e, 6);
            float[] answer = e.targetSequence().toArray();
            int found = -1;
            for (int it = 0; it < 6; it++) {
                if (Arrays.equals(query, item(e, it))) {
                    found = it;
                }
            }
            assertTrue(found >= 0 && found < 5, "the query is one of the items but the last, got " + found);
            assertArrayEquals(item(e, found + 1), answer, "the answer follows the query");
            asked[found]++;
        }
        for (int it = 0; it < 5; it++) {
            assertTrue(asked[it] > 40, "item " + it + " asked for " + asked[it] + " times of 400");
        }
    }

    @Test
    void sortWantsTheHighestPriorityVectorsHighestFirst() {
        float[] bits = vectors(5, 8);
        float[] priority = {0.1f, -0.7f, 0.9f, 0.3f, -0.2f};
        Episode e = SortTask.episode(5, 1, bits, priority);
        assertEquals(4, SortTask.wanted(5));
        assertEquals(16, SortTask.wanted(20), "the paper's 16 of 20");
        assertEquals(5 + 1 + 4, e.steps());
        for (int t = 0; t < 5; t++) {
            float[] at = row(e, t);
            assertArrayEquals(slice(bits, t * 8, 8), slice(at, 0, 8));
            assertEquals(priority[t], at[8]);
            assertEquals(0f, at[9]);
        }
        assertEquals(1f, row(e, 5)[9], "the delimiter");
        int[] expected = {2, 3, 0, 4};
        for (int j = 0; j < 4; j++) {
            assertArrayEquals(slice(bits, expected[j] * 8, 8), e.target(j).toArray(), "output " + j);
            assertArrayEquals(new float[10], row(e, 6 + j));
        }
    }

    @Test
    void batchedEpisodesKeepEachSequenceApart() {
        Rng rng = Rng.seeded(9);
        for (Task task : new Task[] {new CopyTask(), new RepeatCopyTask(1, 3), new RecallTask(), new SortTask()}) {
            Episode e = task.episode(rng, 3, 4);
            assertEquals(task.inputWidth(), e.inputWidth(), task.name());
            assertEquals(task.outputWidth(), e.outputWidth(), task.name());
            float[] targets = e.targetSequence().toArray();   // (B, J, O)
            for (int j = 0; j < e.outputSteps(); j++) {
                float[] at = e.target(j).toArray();
                for (int b = 0; b < 3; b++) {
                    assertArrayEquals(slice(at, b * e.outputWidth(), e.outputWidth()),
                            slice(targets, (b * e.outputSteps() + j) * e.outputWidth(), e.outputWidth()),
                            task.name() + " target " + j + " of sequence " + b);
                }
            }
        }
    }
}
