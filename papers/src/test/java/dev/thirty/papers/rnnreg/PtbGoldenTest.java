package dev.thirty.papers.rnnreg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.thirty.nn.recurrent.CellState;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.GradClip;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Golden;
import dev.thirty.testkit.Tolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The word-level model against PyTorch 1.13 ({@code ptb_golden.py} wrote the fixture): an embedding, a 2-layer
 * LSTM and an untied decoder with the same weights, over two chunks of truncated BPTT, the second from the
 * first's final state. Logits, final states, the objective (mean cross-entropy times the steps) and every
 * gradient of both chunks, then the global gradient norm, clipping to 0.5 and one SGD step.
 *
 * <p>Tolerance as in the engine's recurrent golden test: float32 on both sides with different summation orders,
 * a few ulps compounded over 4 steps and 2 layers; a swapped gate, a dropped bias or a state not carried is off
 * by 1e-2 or more.
 */
class PtbGoldenTest {

    private static final Tolerance TOL = Tolerance.of(1e-5, 1e-4);
    private static final int V = 13;
    private static final int H = 6;
    private static final int L = 2;
    private static final int B = 3;
    private static final int T = 4;

    private final Golden golden = Golden.load(PtbGoldenTest.class, "ptb.json");

    /** Our name of a PyTorch parameter: {@code rnn.weight_ih_l0} is {@code rnn.0.weight_ih}. */
    static String ours(String torch) {
        if (!torch.startsWith("rnn.")) {
            return torch;
        }
        String role = torch.substring("rnn.".length(), torch.lastIndexOf("_l"));
        return "rnn." + torch.substring(torch.lastIndexOf("_l") + 2) + "." + role;
    }

    private List<String> torchNames() {
        return golden.entries().keySet().stream().filter(k -> k.startsWith("weight."))
                .map(k -> k.substring("weight.".length())).toList();
    }

    private List<CellState> state(String h, String c) {
        float[] hs = golden.get(h).data();
        float[] cs = golden.get(c).data();
        List<CellState> out = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            out.add(new CellState(Tensor.of(Arrays.copyOfRange(hs, l * B * H, (l + 1) * B * H), B, H),
                    Tensor.of(Arrays.copyOfRange(cs, l * B * H, (l + 1) * B * H), B, H)));
        }
        return out;
    }

    private static float[] layers(List<CellState> states, boolean cell) {
        float[] out = new float[L * B * H];
        for (int l = 0; l < L; l++) {
            System.arraycopy((cell ? states.get(l).c() : states.get(l).h()).toArray(), 0, out, l * B * H, B * H);
        }
        return out;
    }

    @Test
    void twoChunksOfTruncatedBpttClippingAndAnSgdStepMatchPyTorch() {
        PtbConfig c = new PtbConfig(L, H, T, B, 0, 0, 0.5, 1, 1, 0, 1, 0.5, 0, 0, 1);
        PtbModel model = new PtbModel(c, V, Rng.seeded(0), Rng.seeded(0));
        Map<String, Tensor> weights = model.stateDict();
        assertEquals(weights.size(), torchNames().size(), "parameters: ours " + weights.keySet());
        for (String name : torchNames()) {
            Tensor w = weights.get(ours(name));
            assertNotNull(w, "no parameter " + ours(name) + " for PyTorch's " + name);
            float[] v = golden.get("weight." + name).data();
            assertEquals(w.size(), v.length, name);
            System.arraycopy(v, 0, w.data(), 0, v.length);
        }
        model.train(); // dropout is 0: training mode must compute the same as PyTorch's
        List<CellState> state = state("h0", "c0");
        for (int chunk = 1; chunk <= 2; chunk++) {
            String p = "chunk" + chunk + ".";
            model.zeroGrad();
            PtbModel.Output o = model.forward(golden.ints(p + "ids"), B, T, state);
            Tensor loss = CrossEntropy.crossEntropy(o.logits(), golden.ints(p + "targets")).mul(T);
            loss.backward();
            FloatAssert.assertClose(p + "logits", golden.get(p + "logits").data(), o.logits().toArray(), TOL);
            FloatAssert.assertClose(p + "h_n", golden.get(p + "h_n").data(), layers(o.states(), false), TOL);
            FloatAssert.assertClose(p + "c_n", golden.get(p + "c_n").data(), layers(o.states(), true), TOL);
            FloatAssert.assertClose(p + "loss", golden.get(p + "loss").data(), new float[] {loss.item()}, TOL);
            for (String name : torchNames()) {
                FloatAssert.assertClose(p + "grad." + name, golden.get(p + "grad." + name).data(),
                        weights.get(ours(name)).grad().toArray(), TOL);
            }
            state = PtbTraining.detach(o.states());
        }
        double norm = GradClip.clipGlobalNorm(model.parameters(), 0.5);
        assertEquals(golden.get("chunk2.norm").data()[0], norm, 1e-5 + 1e-4 * norm);
        new Sgd(model.parameters(), Sgd.Config.defaults(), 1.0).step();
        for (String name : torchNames()) {
            FloatAssert.assertClose("updated " + name, golden.get("chunk2.updated." + name).data(),
                    weights.get(ours(name)).toArray(), TOL);
        }
    }
}
