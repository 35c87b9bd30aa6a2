package dev.thirty.golden;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.thirty.kernels.PoolMode;
import dev.thirty.kernels.ResponseNorm;
import dev.thirty.kernels.Rounding;
import dev.thirty.kernels.Transpose;
import dev.thirty.nn.functional.BatchNorm;
import dev.thirty.nn.functional.BatchNorm.Statistics;
import dev.thirty.nn.functional.Convolution;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.nn.functional.Pooling;
import dev.thirty.nn.functional.ResponseNormalization;
import dev.thirty.kernels.Window2d;
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
 * The small CNN of {@code cnn_golden.py} against the fixture PyTorch 1.13 wrote: a grouped, dilated
 * convolution, batch norm on batch statistics, ReLU, overlapping max pooling, cross-channel LRN, a
 * strided convolution, average pooling with {@code ceil_mode} and the in-image divisor, dropout off,
 * a linear layer and mean cross-entropy. Every intermediate output, the loss, the gradient of the
 * input and of every parameter, the running statistics after the one training forward, and the
 * eval-mode logits (running statistics) must match.
 *
 * <p>Tolerance: float32 on both sides with different summation orders (im2col + blocked GEMM
 * against oneDNN or PyTorch's own loops); batch norm divides by a standard deviation near 1 and
 * the LRN raises to the power -0.75, neither of which amplifies rounding much, so the values agree
 * to about 1e-6 relative. 2e-5 absolute plus 2e-4 relative leaves headroom and still catches any
 * wrong formula or index, which is off by orders of magnitude more.
 */
class CnnGoldenTest {

    private static final Tolerance TOL = Tolerance.of(2e-5, 2e-4);
    private static final List<String> NAMES = List.of("conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias",
            "conv2.weight", "conv2.bias", "fc.weight", "fc.bias");

    private static final Window2d CONV1 = Window2d.square(3, 1, 2).dilated(2);
    private static final Window2d POOL1 = Window2d.square(3, 2, 1);
    private static final ResponseNorm LRN = ResponseNorm.pytorch(3, 0.3f, 0.75f, 2f);
    private static final Window2d CONV2 = Window2d.square(3, 2, 1);
    private static final Window2d POOL2 = Window2d.square(3, 2, 1).rounded(Rounding.CEIL);

    private final Golden golden = Golden.load(CnnGoldenTest.class, "cnn.json");

    private Tensor tensor(String name) {
        Golden.Entry e = golden.get(name);
        return Tensor.of(e.data(), e.shape());
    }

    private void assertMatches(String name, Tensor actual) {
        Golden.Entry want = golden.get(name);
        FloatAssert.assertClose(name, want.data(), actual.toArray(), want.shape(), TOL);
    }

    /** The forward pass; records each stage's output under the fixture's names when {@code seen} is not null. */
    private static Tensor forward(Tensor x, Map<String, Tensor> p, Tensor runningMean, Tensor runningVar,
                                  Statistics statistics, Map<String, Tensor> seen) {
        Map<String, Tensor> out = seen == null ? new LinkedHashMap<>() : seen;
        Tensor h = Convolution.conv2d(x, p.get("conv1.weight"), p.get("conv1.bias"), CONV1, 2);
        out.put("out.conv1", h);
        h = BatchNorm.batchNorm(h, p.get("bn1.weight"), p.get("bn1.bias"), runningMean, runningVar, statistics,
                BatchNorm.DEFAULT_MOMENTUM, BatchNorm.DEFAULT_EPS);
        out.put("out.bn1", h);
        h = Pooling.maxPool2d(Pointwise.relu(h), POOL1);
        out.put("out.pool1", h);
        h = ResponseNormalization.localResponseNorm(h, LRN);
        out.put("out.lrn", h);
        h = Convolution.conv2d(h, p.get("conv2.weight"), p.get("conv2.bias"), CONV2, 1);
        out.put("out.conv2", h);
        h = Pooling.avgPool2d(Pointwise.relu(h), POOL2, PoolMode.AVERAGE_EXCLUDING_PADDING);
        out.put("out.pool2", h);
        // Dropout2d is off (evaluation), the identity.
        h = Pooling.flatten(h);
        h = Arithmetic.add(LinearAlgebra.matmul(h, Transpose.N, p.get("fc.weight"), Transpose.T), p.get("fc.bias"));
        out.put("logits", h);
        return h;
    }

    @Test
    void outputsLossEveryGradientRunningStatisticsAndEvalLogitsMatchPyTorch() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (String n : NAMES) {
            p.put(n, tensor(n).requiringGrad());
        }
        Tensor x = tensor("x").requiringGrad();
        Tensor runningMean = Tensor.zeros(6);
        Tensor runningVar = Tensor.ones(6);
        Map<String, Tensor> seen = new LinkedHashMap<>();
        Tensor logits = forward(x, p, runningMean, runningVar, Statistics.BATCH, seen);
        seen.forEach(this::assertMatches);

        Tensor loss = CrossEntropy.crossEntropy(logits, golden.ints("targets"), CrossEntropy.Options.DEFAULT);
        FloatAssert.assertClose("loss", golden.get("loss").data(), new float[] {loss.item()}, TOL);
        loss.backward();
        assertNotNull(x.grad(), "no gradient reached x");
        assertMatches("grad.x", x.grad());
        for (String n : NAMES) {
            Tensor g = p.get(n).grad();
            assertNotNull(g, "no gradient reached " + n);
            assertMatches("grad." + n, g);
        }

        assertMatches("bn1.running_mean", runningMean);
        assertMatches("bn1.running_var", runningVar);
        assertMatches("eval.logits", forward(tensor("x"), p, runningMean, runningVar, Statistics.RUNNING, null));
    }
}
