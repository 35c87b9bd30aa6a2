package dev.thirty.papers.alexnet;

import dev.thirty.autograd.GradMode;
import dev.thirty.nn.Mode;
import dev.thirty.nn.Sequential;
import dev.thirty.tensor.Tensor;
import java.util.List;

/** Evaluation of an image classifier over a data set, in batches, without gradients, in eval mode. */
final class Classify {

    /** One or more views of examples {@code from .. to - 1}, each {@code (to - from, C, H, W)}. */
    interface Views {
        List<Tensor> of(int from, int to);
    }

    /**
     * @param loss      mean negative log-likelihood of the (view-averaged) class probabilities
     * @param error     the fraction whose most probable class is not the label
     * @param predicted the most probable class of each example
     * @param top5Error the fraction whose label is not among the five most probable classes
     */
    record Outcome(double loss, double error, int[] predicted, double top5Error) {
    }

    private Classify() {
    }

    /**
     * Classifies {@code labels.length} examples; with several views, the softmax probabilities of the
     * views are averaged (AlexNet §4.1's ten-patch test).
     */
    static Outcome evaluate(Sequential model, int[] labels, int batch, Views views) {
        Mode before = model.mode();
        model.eval();
        try {
            return GradMode.noGrad(() -> {
                int n = labels.length;
                int[] predicted = new int[n];
                double nll = 0;
                int wrong = 0;
                int wrong5 = 0;
                for (int from = 0; from < n; from += batch) {
                    int to = Math.min(n, from + batch);
                    List<Tensor> vs = views.of(from, to);
                    double[] prob = null;
                    int classes = 0;
                    for (Tensor v : vs) {
                        Tensor logits = model.forward(v);
                        classes = logits.dim(1);
                        if (prob == null) {
                            prob = new double[(to - from) * classes];
                        }
                        addSoftmax(logits.data(), to - from, classes, prob);
                    }
                    for (int i = 0; i < to - from; i++) {
                        int best = 0;
                        for (int c = 1; c < classes; c++) {
                            if (prob[i * classes + c] > prob[i * classes + best]) {
                                best = c;
                            }
                        }
                        predicted[from + i] = best;
                        int above = 0;
                        double own = prob[i * classes + labels[from + i]];
                        for (int c = 0; c < classes; c++) {
                            above += prob[i * classes + c] > own ? 1 : 0;
                        }
                        wrong5 += above >= 5 ? 1 : 0;
                        wrong += best == labels[from + i] ? 0 : 1;
                        nll -= Math.log(Math.max(prob[i * classes + labels[from + i]] / vs.size(), 1e-300));
                    }
                }
                return new Outcome(nll / n, (double) wrong / n, predicted, (double) wrong5 / n);
            });
        } finally {
            model.setMode(before);
        }
    }

    private static void addSoftmax(float[] logits, int rows, int classes, double[] into) {
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[r * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[r * classes + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                into[r * classes + c] += Math.exp(logits[r * classes + c] - max) / sum;
            }
        }
    }
}
