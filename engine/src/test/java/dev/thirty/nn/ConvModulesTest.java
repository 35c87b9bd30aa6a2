package dev.thirty.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.io.Checkpoint;
import dev.thirty.kernels.PoolMode;
import dev.thirty.kernels.ResponseNorm;
import dev.thirty.kernels.Window2d;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvModulesTest {

    private static Sequential smallNet(RandomGenerator rng) {
        return new Sequential(
                new Conv2d(3, 4, Window2d.square(3, 1, 1), rng),
                new BatchNorm(4),
                Activation.RELU.layer(),
                Pool2d.max(Window2d.square(3, 2, 1)),
                new LocalResponseNorm(ResponseNorm.alexNetPaper()),
                new Conv2d(4, 6, Window2d.square(3, 1, 1), 2, Linear.Bias.NO, rng),
                new Dropout2d(0.2f, rng),
                Reshaping.globalAvgPool2d(),
                new Linear(6, 2, rng));
    }

    @Test
    void namesFollowPyTorchAndBuffersAreStateButNotParameters() {
        Sequential net = smallNet(Seeds.generator(1));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "5.weight", "8.weight", "8.bias"),
                List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of("1.running_mean", "1.running_var"), List.copyOf(net.namedBuffers().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "5.weight", "8.weight", "8.bias"), List.copyOf(net.stateDict().keySet()));
        assertEquals(4 * 3 * 9 + 4 + 4 + 4 + 6 * 2 * 9 + 6 * 2 + 2, net.parameterCount());
        assertEquals(List.of(), net.unregistered());
        Conv2d grouped = (Conv2d) net.children().get("5");
        assertEquals(Shape.of(6, 2, 3, 3), grouped.weight().shape());
        assertNull(grouped.bias());
        assertEquals(2, grouped.groups());
        assertEquals(PoolMode.MAX, ((Pool2d) net.children().get("3")).poolMode());
    }

    @Test
    void convolutionInitIsPyTorchsUniformOverOneOverRootFanIn() {
        Conv2d conv = new Conv2d(16, 32, Window2d.square(5, 1, 2), Seeds.generator(2));
        float bound = (float) (1 / Math.sqrt(16 * 25));
        float max = 0;
        double sum = 0;
        for (float v : conv.weight().toArray()) {
            max = Math.max(max, Math.abs(v));
            sum += v;
        }
        assertTrue(max <= bound && max > 0.95f * bound, "max |w| " + max + " against bound " + bound);
        assertEquals(0, sum / conv.weight().size(), bound * 0.05, "weights centred on zero");
        for (float v : conv.bias().toArray()) {
            assertTrue(Math.abs(v) <= bound, "bias " + v);
        }
    }

    @Test
    void batchNormUpdatesItsRunningStatisticsOnlyInTraining() {
        BatchNorm bn = new BatchNorm(3);
        Tensor x = Tensor.normal(Seeds.generator(3), 2f, 1f, 4, 3, 5, 5);
        bn.forward(x);
        float[] mean = bn.runningMean().toArray();
        for (float m : mean) {
            assertEquals(0.2f, m, 0.05f, "one step of momentum 0.1 towards a mean near 2");
        }
        bn.eval();
        Tensor y = bn.forward(x);
        FloatAssert.assertIdentical("eval leaves running_mean", mean, bn.runningMean().toArray());
        // Eval normalises with running statistics (mean about 0.2, var about 1), so the output keeps most of the mean.
        double avg = 0;
        for (float v : y.toArray()) {
            avg += v;
        }
        assertEquals(1.8, avg / y.size(), 0.1);
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(0));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(3, 2f, 1e-5f));
    }

    @Test
    void dropout2dIsTheIdentityInEvaluation() {
        Dropout2d d = new Dropout2d(0.5f, Seeds.generator(4));
        Tensor x = Tensor.ones(2, 8, 2, 2);
        assertTrue(FloatAssert.maxAbsDifference(x.toArray(), d.forward(x).toArray()) > 0, "training drops");
        d.eval();
        FloatAssert.assertIdentical("eval", x.toArray(), d.forward(x).toArray());
    }

    @Test
    void checkpointsRestoreParametersAndBuffers(@TempDir Path dir) throws Exception {
        Sequential a = smallNet(Seeds.generator(5));
        a.forward(Tensor.randn(Seeds.generator(6), 2, 3, 6, 6));
        new Checkpoint(1, a.stateDict(), Map.of(), Map.of(), null).save(dir);
        Sequential b = smallNet(Seeds.generator(7));
        Checkpoint.loadInto(dir, b.stateDict());
        a.stateDict().forEach((name, t) ->
                FloatAssert.assertIdentical(name, t.toArray(), b.stateDict().get(name).toArray()));
        assertFalse(b.namedBuffers().get("1.running_mean").requiresGrad());
        a.eval();
        b.eval();
        Tensor x = Tensor.randn(Seeds.generator(8), 2, 3, 6, 6);
        FloatAssert.assertIdentical("same outputs after loading", a.forward(x).toArray(), b.forward(x).toArray());
    }
}
