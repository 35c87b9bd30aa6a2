package dev.thirty.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thirty.tensor.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link RecurrentCell#initForgetBias} sets exactly the forget gate's block, in cells that have one. */
class ForgetBiasTest {

    private static final int H = 3;

    /** The forget gate's block in each cell's documented gate order, or -1. */
    private static int forgetBlock(CellType type) {
        return switch (type) {
            case LSTM, PEEPHOLE -> 1; // i, f, g, o
            case COUPLED -> 0;        // f, g, o
            case RNN, GRU -> -1;
        };
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void setsTheForgetBlockOfBiasIhAndClearsBiasHhThereLeavingTheRest(CellType type) {
        GateWeights cell = (GateWeights) type.create(2, H, Rng.seeded(4));
        float[] ih = cell.biasIh().toArray();
        float[] hh = cell.biasHh().toArray();
        int block = forgetBlock(type);
        assertEquals(block >= 0, cell.initForgetBias(1f), type.name());
        if (block >= 0) {
            for (int j = block * H; j < (block + 1) * H; j++) {
                ih[j] = 1f;
                hh[j] = 0f;
            }
        }
        assertArrayEquals(ih, cell.biasIh().toArray(), type + " bias_ih");
        assertArrayEquals(hh, cell.biasHh().toArray(), type + " bias_hh");
    }
}
