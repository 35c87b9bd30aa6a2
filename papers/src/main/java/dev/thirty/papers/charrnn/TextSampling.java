package dev.thirty.papers.charrnn;

import dev.thirty.autograd.GradMode;
import dev.thirty.data.CharVocab;
import dev.thirty.experiment.Sampler;
import dev.thirty.nn.recurrent.CellState;
import dev.thirty.tensor.Rng;
import java.util.Arrays;
import java.util.List;

/**
 * Generation as in char-rnn's {@code sample.lua}: feed the prime one character at a time to warm
 * up the state, then repeatedly draw the next character from {@code softmax(logits / temperature)}
 * (restricted to the {@code k} likeliest when top-k is asked for) and feed it back.
 */
final class TextSampling {

    private TextSampling() {
    }

    /** The prime followed by {@code request.length()} sampled characters. */
    static String generate(CharRnnModel model, CharVocab vocab, Sampler.Request request) {
        Rng rng = Rng.seeded(request.seed());
        int[] prime = vocab.encode(request.prime()).toArray();
        if (prime.length == 0) {
            prime = new int[] {vocab.id('\n') >= 0 ? vocab.id('\n') : 0}; // char-rnn starts from a newline-like seed
        }
        int[] primeIds = prime;
        return GradMode.noGrad(() -> {
            model.eval();
            List<CellState> state = model.zeroState(1);
            float[] logits = null;
            for (int id : primeIds) {
                CharRnnModel.Output o = model.forward(new int[] {id}, 1, 1, state);
                state = o.states();
                logits = o.logits().toArray();
            }
            int[] out = new int[request.length()];
            for (int n = 0; n < out.length; n++) {
                out[n] = draw(logits, request.temperature(), request.topK(), rng);
                CharRnnModel.Output o = model.forward(new int[] {out[n]}, 1, 1, state);
                state = o.states();
                logits = o.logits().toArray();
            }
            return request.prime() + vocab.decode(out);
        });
    }

    /** One draw from {@code softmax(logits / temperature)}, among the {@code topK} largest (0: all). */
    static int draw(float[] logits, double temperature, int topK, Rng rng) {
        double cut = Double.NEGATIVE_INFINITY;
        if (topK > 0 && topK < logits.length) {
            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            cut = sorted[sorted.length - topK];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = logits[i] >= cut ? Math.exp((logits[i] - max) / temperature) : 0;
            total += p[i];
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < p.length; i++) {
            u -= p[i];
            if (u < 0 && p[i] > 0) {
                return i;
            }
        }
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] > 0) {
                return i; // rounding left u at or just above 0: the last possible token
            }
        }
        throw new IllegalStateException("no token has positive probability");
    }
}
