package dev.thirty.golden;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.thirty.kernels.Transpose;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Arithmetic;
import dev.thirty.tensor.LinearAlgebra;
import dev.thirty.tensor.Pointwise;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Golden;
import dev.thirty.testkit.Tolerance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MLP of {@code mlp_golden.py} (ReLU, tanh-GELU, mean cross-entropy; weights stored (out, in)
 * as PyTorch's {@code nn.Linear} does) against the fixture PyTorch 1.13 wrote: logits, loss,
 * every parameter gradient, and three steps of SGD with momentum.
 *
 * <p>Tolerance: both sides compute in float32 but sum in different orders (blocked GEMM vs
 * OpenBLAS), so values agree to a few float32 ulps of the largest partial sums, about 1e-6
 * relative; 1e-5 absolute plus 1e-4 relative leaves headroom and still catches any wrong
 * formula, which is off by orders of magnitude more.
 */
class MlpGoldenTest {

    private static final Tolerance TOL = Tolerance.of(1e-5, 1e-4);
    private static final List<String> NAMES = List.of(
            "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias");

    private final Golden golden = Golden.load(MlpGoldenTest.class, "mlp.json");

    private Tensor tensor(String name) {
        Golden.Entry e = golden.get(name);
        return Tensor.of(e.data(), e.shape());
    }

    private Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (String n : NAMES) {
            p.put(n, tensor(n).requiringGrad());
        }
        return p;
    }

    private static Tensor linear(Tensor x, Map<String, Tensor> p, String layer) {
        // (N, in) x (out, in)^T -> (N, out)
        return Arithmetic.add(LinearAlgebra.matmul(x, Transpose.N, p.get(layer + ".weight"), Transpose.T),
                p.get(layer + ".bias"));
    }

    private Tensor logits(Map<String, Tensor> p) {
        Tensor h = Pointwise.relu(linear(tensor("x"), p, "fc1"));
        h = Pointwise.gelu(linear(h, p, "fc2"));
        return linear(h, p, "fc3");
    }

    @Test
    void logitsLossAndEveryGradientMatchPyTorch() {
        Map<String, Tensor> p = parameters();
        Tensor logits = logits(p);
        FloatAssert.assertClose("logits", golden.get("logits").data(), logits.toArray(),
                golden.get("logits").shape(), TOL);
        Tensor loss = CrossEntropy.crossEntropy(logits, golden.ints("targets"), CrossEntropy.Options.DEFAULT);
        FloatAssert.assertClose("loss", golden.get("loss").data(), new float[] {loss.item()}, TOL);
        loss.backward();
        for (String n : NAMES) {
            Tensor g = p.get(n).grad();
            assertNotNull(g, "no gradient reached " + n);
            FloatAssert.assertClose("grad of " + n, golden.get("grad." + n).data(), g.toArray(),
                    golden.get("grad." + n).shape(), TOL);
        }
    }

    @Test
    void threeSgdMomentumStepsMatchPyTorch() {
        Map<String, Tensor> p = parameters();
        Sgd sgd = new Sgd(List.copyOf(p.values()), 0.1f, 0.9f);
        float[] losses = new float[3];
        for (int step = 0; step < 3; step++) {
            sgd.zeroGrad();
            Tensor loss = CrossEntropy.crossEntropy(logits(p), golden.ints("targets"), CrossEntropy.Options.DEFAULT);
            loss.backward();
            sgd.step();
            losses[step] = loss.item();
        }
        FloatAssert.assertClose("losses of three SGD steps", golden.get("sgd.losses").data(), losses, TOL);
        for (String n : NAMES) {
            Golden.Entry want = golden.get("sgd.final." + n);
            FloatAssert.assertClose("after three steps, " + n, want.data(), p.get(n).toArray(), want.shape(), TOL);
        }
    }
}
