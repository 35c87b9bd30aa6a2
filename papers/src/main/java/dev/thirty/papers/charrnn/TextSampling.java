package dev.thirty.papers.charrnn;

import dev.thirty.autograd.GradMode;
import dev.thirty.data.CharVocab;
import dev.thirty.experiment.Sampler;
import dev.thirty.nn.functional.Sampling;
import dev.thirty.nn.recurrent.CellState;
import dev.thirty.tensor.Rng;
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
                out[n] = Sampling.sample(logits, request.temperature(), request.topK(), rng);
                CharRnnModel.Output o = model.forward(new int[] {out[n]}, 1, 1, state);
                state = o.states();
                logits = o.logits().toArray();
            }
            return request.prime() + vocab.decode(out);
        });
    }
}
