package dev.thirty.papers.rnnreg;

import dev.thirty.autograd.GradMode;
import dev.thirty.data.WordVocab;
import dev.thirty.experiment.Sampler;
import dev.thirty.nn.functional.Sampling;
import dev.thirty.nn.recurrent.CellState;
import dev.thirty.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Generation from a PTB model: the prime's words (lower-cased, as PTB is; words outside the vocabulary
 * become {@code <unk>}) warm up the state one at a time, then each next word is drawn from
 * {@code softmax(logits / temperature)} and fed back. Words are joined by spaces and {@code <eos>} ends a
 * line, so the text reads as PTB's sentences.
 */
final class WordSampling {

    private WordSampling() {
    }

    /** The prime's words followed by {@code request.length()} sampled words. */
    static String generate(PtbModel model, WordVocab vocab, Sampler.Request request) {
        Rng rng = Rng.seeded(request.seed());
        List<Integer> prime = new ArrayList<>();
        int unk = vocab.id(WordVocab.UNK);
        for (String w : request.prime().trim().toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
            if (!w.isEmpty()) {
                int id = vocab.id(w);
                prime.add(id >= 0 ? id : Math.max(unk, 0));
            }
        }
        StringBuilder text = new StringBuilder();
        if (prime.isEmpty()) {
            prime.add(Math.max(vocab.id(WordVocab.EOS), 0)); // start as after a sentence
        } else {
            prime.forEach(id -> append(text, vocab.word(id)));
        }
        return GradMode.noGrad(() -> {
            model.eval();
            List<CellState> state = model.zeroState(1);
            float[] logits = null;
            for (int id : prime) {
                PtbModel.Output o = model.forward(new int[] {id}, 1, 1, state);
                state = o.states();
                logits = o.logits().toArray();
            }
            for (int n = 0; n < request.length(); n++) {
                int next = Sampling.sample(logits, request.temperature(), request.topK(), rng);
                append(text, vocab.word(next));
                PtbModel.Output o = model.forward(new int[] {next}, 1, 1, state);
                state = o.states();
                logits = o.logits().toArray();
            }
            return text.toString();
        });
    }

    private static void append(StringBuilder text, String word) {
        if (word.equals(WordVocab.EOS)) {
            text.append('\n');
            return;
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text.append(' ');
        }
        text.append(word);
    }
}
