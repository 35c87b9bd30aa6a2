package dev.thirty.papers.charrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.ContiguousBatches.Chunk;
import dev.thirty.nn.recurrent.CellType;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two train/validation splits and the two initialisations of a char-rnn run. */
class CharCorpusTest {

    /** 4000 characters in which every position can be told apart by its 3-character window. */
    private static final String TEXT = text();

    private static String text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append(String.format("%03d", i)).append(i % 10 == 9 ? '\n' : ' ');
        }
        return sb.toString();
    }

    private static CharRnnConfig config(CharRnnConfig.Split split, double trainFraction, CharRnnConfig.Init init) {
        CharRnnConfig t = CharRnnConfig.tiny();
        return new CharRnnConfig(CellType.LSTM, 2, 8, 10, 4, t.lr(), t.decay(), t.lrDecay(), t.lrDecayAfter(),
                t.clip(), 0, 10, trainFraction, split, init, 0, 10, 0);
    }

    private static String decode(CharCorpus corpus, Chunk chunk, int row) {
        int[] ids = Arrays.copyOfRange(chunk.inputs(), row * chunk.steps(), (row + 1) * chunk.steps());
        return corpus.vocab().decode(ids);
    }

    @Test
    void fileOrderValidatesOnTheEndOfTheText() {
        CharCorpus c = CharCorpus.of(Path.of("t"), TEXT, config(CharRnnConfig.Split.FILE_ORDER, 0.9,
                CharRnnConfig.Init.CHAR_RNN));
        // the first validation row starts where the training text ends, at 90% of the file
        assertTrue(TEXT.substring(3600).startsWith(decode(c, c.validation().getFirst(), 0)));
        // 3600 training characters as 4 streams of 900: 89 full chunks of 10
        assertEquals(89, c.train().size());
        assertEquals(89 * 40, CharCorpus.characters(c.train()));
    }

    @Test
    void streamsSplitIsCharRnnsLoader() {
        CharCorpus c = CharCorpus.of(Path.of("t"), TEXT, config(CharRnnConfig.Split.STREAMS, 0.95,
                CharRnnConfig.Init.CHAR_RNN));
        // 4 streams of 1000 characters: 99 chunks of 10, the first 94 train and the next 4 validate
        assertEquals(94, c.train().size());
        assertEquals(4, c.validation().size());
        for (int b = 0; b < 4; b++) {
            // validation row b continues training row b, 940 characters into stream b
            String expected = TEXT.substring(b * 1000 + 940, b * 1000 + 950);
            assertEquals(expected, decode(c, c.validation().getFirst(), b), "row " + b);
            assertEquals(TEXT.substring(b * 1000, b * 1000 + 10), decode(c, c.train().getFirst(), b), "row " + b);
        }
    }

    @Test
    void aTextTooShortForTheSplitIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CharCorpus.of(Path.of("t"),
                TEXT.substring(0, 300), config(CharRnnConfig.Split.STREAMS, 0.95, CharRnnConfig.Init.CHAR_RNN)));
        assertTrue(e.getMessage().contains("7 chunks of 4 x 10 characters cannot be split"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CharCorpus.of(Path.of("t"), TEXT.substring(0, 60),
                config(CharRnnConfig.Split.FILE_ORDER, 0.5, CharRnnConfig.Init.CHAR_RNN)));
        assertTrue(e.getMessage().contains("30 training characters are too few for 4 streams of 10 steps"),
                e.getMessage());
    }

    @Test
    void charRnnInitDrawsEveryWeightWithinPointZeroEightAndStartsTheForgetGateAtOne() {
        CharRnnModel m = new CharRnnModel(config(CharRnnConfig.Split.FILE_ORDER, 0.9, CharRnnConfig.Init.CHAR_RNN),
                20, Rng.seeded(1), Rng.seeded(2));
        int h = 8;
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            float[] v = e.getValue().data();
            for (int k = 0; k < v.length; k++) {
                boolean forget = e.getKey().startsWith("rnn.") && e.getKey().contains(".bias_") && k >= h && k < 2 * h;
                if (forget) {
                    assertEquals(e.getKey().endsWith("bias_ih") ? 1f : 0f, v[k], e.getKey() + "[" + k + "]");
                } else {
                    assertTrue(Math.abs(v[k]) <= CharRnnModel.CHAR_RNN_INIT, e.getKey() + "[" + k + "] = " + v[k]);
                }
            }
        }
        CharRnnModel torch = new CharRnnModel(config(CharRnnConfig.Split.FILE_ORDER, 0.9, CharRnnConfig.Init.PYTORCH),
                20, Rng.seeded(1), Rng.seeded(2));
        float[] bias = torch.namedParameters().get("rnn.0.bias_ih").data();
        assertTrue(Math.abs(bias[h]) < 1 / Math.sqrt(h) && bias[h] != 1f, "PyTorch's init leaves the forget bias random");
    }
}
