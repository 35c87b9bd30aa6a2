package dev.thirty.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.io.SafeTensors;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Golden;
import dev.thirty.testkit.Tolerance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our 2-layer LSTM (fused and composed steps) and GRU stacks against PyTorch 1.13's
 * {@code nn.LSTM} and {@code nn.GRU} with the same weights, loaded by their PyTorch names through
 * {@link PyTorchRnnWeights} ({@code recurrent_golden.py} wrote the fixture): outputs, final
 * states, and the gradients of a fixed random projection of them with respect to every weight,
 * the inputs and the initial states.
 *
 * <p>Tolerance: both sides compute in float32 with different summation orders and transcendental
 * implementations, so each value differs by a few ulps, compounded over 5 steps and 2 layers of
 * backpropagation; gradients reach magnitudes of about 10, so 1e-5 absolute plus 1e-4 relative
 * leaves headroom while a swapped gate, a wrong bias or a missing term is off by 1e-2 or more.
 */
class RecurrentGoldenTest {

    private static final Tolerance TOL = Tolerance.of(1e-5, 1e-4);
    private static final int B = 2;
    private static final int T = 5;
    private static final int I = 3;
    private static final int H = 4;
    private static final int L = 2;
    private static final List<String> ROLES = List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh");

    private final Golden golden = Golden.load(RecurrentGoldenTest.class, "recurrent.json");

    private Tensor tensor(String name) {
        Golden.Entry e = golden.get(name);
        return Tensor.of(e.data(), e.shape());
    }

    /** PyTorch's weights by their own names, {@code weight_ih_l0} etc. */
    private Map<String, Tensor> torchWeights(String net) {
        Map<String, Tensor> w = new LinkedHashMap<>();
        for (int k = 0; k < L; k++) {
            for (String role : ROLES) {
                w.put(role + "_l" + k, tensor(net + ".weight." + role + "_l" + k));
            }
        }
        return w;
    }

    /** Layer {@code k}'s slice of a PyTorch state: {@code (L, B, H) -> (B, H)}. */
    private Tensor layerSlice(String name, int k) {
        float[] all = golden.get(name).data();
        return Tensor.of(Arrays.copyOfRange(all, k * B * H, (k + 1) * B * H), B, H);
    }

    private static float[] concat(List<CellState> parts, Function<CellState, Tensor> pick) {
        float[] out = new float[parts.size() * B * H];
        for (int k = 0; k < parts.size(); k++) {
            Tensor t = pick.apply(parts.get(k));
            assertNotNull(t, "missing tensor of layer " + k);
            System.arraycopy(t.toArray(), 0, out, k * B * H, B * H);
        }
        return out;
    }

    private void assertMatches(String net, RecurrentStack stack, boolean hasCell) {
        PyTorchRnnWeights.load(torchWeights(net), stack);
        Tensor x = tensor(net + ".x").requiringGrad();
        List<CellState> initial = new ArrayList<>();
        for (int k = 0; k < L; k++) {
            initial.add(new CellState(layerSlice(net + ".h0", k).requiringGrad(),
                    hasCell ? layerSlice(net + ".c0", k).requiringGrad() : null));
        }
        RecurrentStack.Output y = stack.forward(x, initial);
        Tensor loss = y.outputs().mul(tensor(net + ".p_out")).sum();
        for (int k = 0; k < L; k++) {
            CellState s = y.states().get(k);
            loss = loss.add(s.h().mul(layerSlice(net + ".p_h", k)).sum());
            if (hasCell) {
                loss = loss.add(s.c().mul(layerSlice(net + ".p_c", k)).sum());
            }
        }
        check(net, "out", y.outputs().toArray());
        check(net, "h_n", concat(y.states(), CellState::h));
        if (hasCell) {
            check(net, "c_n", concat(y.states(), CellState::c));
        }
        check(net, "loss", new float[] {loss.item()});
        loss.backward();
        check(net, "grad.x", x.grad().toArray());
        check(net, "grad.h0", concat(initial, s -> s.h().grad()));
        if (hasCell) {
            check(net, "grad.c0", concat(initial, s -> s.c().grad()));
        }
        Map<String, Tensor> weights = PyTorchRnnWeights.export(stack);
        for (Map.Entry<String, Tensor> e : weights.entrySet()) {
            assertNotNull(e.getValue().grad(), "no gradient reached " + e.getKey());
            check(net, "grad." + e.getKey(), e.getValue().grad().toArray());
        }
    }

    private void check(String net, String what, float[] actual) {
        Golden.Entry want = golden.get(net + "." + what);
        FloatAssert.assertClose(net + " " + what, want.data(), actual, want.shape(), TOL);
    }

    private static RecurrentStack lstm(LstmCell.Step path) {
        Rng rng = Rng.seeded(1);
        return RecurrentStack.ofCells(List.of(new LstmCell(I, H, path, rng), new LstmCell(H, H, path, rng)), 0f, rng);
    }

    @Test
    void fusedLstmStackMatchesPyTorchLstmForwardAndEveryGradient() {
        assertMatches("lstm", lstm(LstmCell.Step.FUSED), true);
    }

    @Test
    void composedLstmStackMatchesPyTorchLstmForwardAndEveryGradient() {
        assertMatches("lstm", lstm(LstmCell.Step.COMPOSED), true);
    }

    @Test
    void gruStackMatchesPyTorchGruForwardAndEveryGradient() {
        assertMatches("gru", new RecurrentStack(CellType.GRU, I, H, L, 0f, Rng.seeded(1), Rng.seeded(2)), false);
    }

    @Test
    void pyTorchWeightsSurviveASafeTensorsRoundTrip(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lstm.safetensors");
        SafeTensors.write(file, torchWeights("lstm"));
        RecurrentStack stack = lstm(LstmCell.Step.FUSED);
        PyTorchRnnWeights.load(SafeTensors.read(file).tensors(), stack);
        Map<String, Tensor> loaded = PyTorchRnnWeights.export(stack);
        assertEquals(torchWeights("lstm").keySet(), loaded.keySet());
        for (Map.Entry<String, Tensor> e : torchWeights("lstm").entrySet()) {
            FloatAssert.assertIdentical(e.getKey(), e.getValue().toArray(), loaded.get(e.getKey()).toArray());
        }
        Path again = dir.resolve("again.safetensors");
        SafeTensors.write(again, loaded);
        assertTrue(Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(again)),
                "exporting the loaded stack must write the same file");
    }

    @Test
    void loadingReportsEveryMissingUnexpectedAndMisshapenName() {
        Map<String, Tensor> w = torchWeights("lstm");
        w.remove("bias_hh_l1");
        w.put("weight_ih_l0_reverse", Tensor.zeros(4 * H, I));
        w.put("weight_hh_l0", Tensor.zeros(4 * H, H + 1));
        RecurrentStack stack = lstm(LstmCell.Step.FUSED);
        float[] before = PyTorchRnnWeights.export(stack).get("weight_hh_l0").toArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PyTorchRnnWeights.load(w, stack));
        assertTrue(e.getMessage().contains("missing 'bias_hh_l1'"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected 'weight_ih_l0_reverse'"), e.getMessage());
        assertTrue(e.getMessage().contains("'weight_hh_l0' has shape"), e.getMessage());
        FloatAssert.assertIdentical("weights untouched after a failed load", before,
                PyTorchRnnWeights.export(stack).get("weight_hh_l0").toArray());
    }

    @Test
    void gruWeightsDoNotLoadIntoAnLstmStack() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PyTorchRnnWeights.load(torchWeights("gru"), lstm(LstmCell.Step.FUSED)));
        assertTrue(e.getMessage().contains("'weight_ih_l0' has shape"), e.getMessage());
    }

    @Test
    void peepholeStacksAreRefused() {
        RecurrentStack peephole = new RecurrentStack(CellType.PEEPHOLE, I, H, L, 0f, Rng.seeded(1), Rng.seeded(2));
        assertThrows(IllegalArgumentException.class, () -> PyTorchRnnWeights.load(torchWeights("lstm"), peephole));
    }
}
