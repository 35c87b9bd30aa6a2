package dev.thirty.parallel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What each stage of a pipeline did in one step: a forward and a backward box per micro-batch,
 * with start and end times (nanoseconds since the step began for a measured step, cost units for a
 * {@link ScheduleSimulator simulated} one). The paper's Figure 2 draws exactly this, stages as rows.
 *
 * @param stages the number of stages K
 * @param microBatches the number of micro-batches M
 * @param events every box, in no particular order
 */
public record Timeline(int stages, int microBatches, List<Event> events) {

    /**
     * A forward pass; the forward recomputed for a checkpointed micro-batch at the start of its
     * backward; a backward pass.
     */
    public enum Kind { FORWARD, RECOMPUTE, BACKWARD }

    /** One box: stage {@code stage} working on micro-batch {@code microBatch} from {@code start} to {@code end}. */
    public record Event(int stage, int microBatch, Kind kind, long start, long end) {

        public Event {
            if (end < start) {
                throw new IllegalArgumentException("timeline event ends (" + end + ") before it starts (" + start + ")");
            }
        }

        public long duration() {
            return end - start;
        }
    }

    public Timeline {
        events = List.copyOf(events);
    }

    /** The end of the last box. */
    public long makespan() {
        long end = 0;
        for (Event e : events) {
            end = Math.max(end, e.end());
        }
        return end;
    }

    /** The time the stages spent working, summed over stages. */
    public long busy() {
        long sum = 0;
        for (Event e : events) {
            sum += e.duration();
        }
        return sum;
    }

    /** The time stage {@code k} spent working. */
    public long busy(int stage) {
        long sum = 0;
        for (Event e : events) {
            if (e.stage() == stage) {
                sum += e.duration();
            }
        }
        return sum;
    }

    /**
     * The bubble: the fraction of the K stages' time from the step's start to its end that no stage
     * worked, {@code 1 - busy / (K * makespan)}. For equal stage costs GPipe's analysis gives
     * {@code (K-1)/(M+K-1)}.
     */
    public double idleFraction() {
        long span = makespan();
        return span == 0 ? 0 : 1.0 - (double) busy() / ((double) stages * span);
    }

    /** The boxes of stage {@code k} in the order they ran. */
    public List<Event> ofStage(int stage) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (e.stage() == stage) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparingLong(Event::start));
        return Collections.unmodifiableList(out);
    }

    /**
     * The speedup over one stage that GPipe's bubble leaves K stages of equal cost and M micro-batches:
     * {@code K M / (M + K - 1)} (2M/(M+1) for two stages).
     */
    public static double gpipeSpeedup(int stages, int microBatches) {
        return (double) stages * microBatches / (microBatches + stages - 1);
    }

    /** GPipe's bubble for K stages of equal cost and M micro-batches: {@code (K-1)/(M+K-1)}. */
    public static double gpipeBubble(int stages, int microBatches) {
        return (double) (stages - 1) / (microBatches + stages - 1);
    }
}
