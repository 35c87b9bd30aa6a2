package dev.thirty.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.Seeds;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ModuleTest {

    /** Two blocks of Linear + LayerNorm, like a tiny network. */
    static final class Block extends Module implements Layer {
        final Linear fc;
        final LayerNorm norm;

        Block(RandomGenerator rng) {
            fc = child("fc", new Linear(4, 4, rng));
            norm = child("norm", new LayerNorm(4));
        }

        @Override
        public Tensor forward(Tensor x) {
            return norm.forward(fc.forward(x).relu());
        }
    }

    static final class Forgetful extends Module {
        final Parameter registered;
        final Parameter forgotten;

        Forgetful() {
            registered = parameter("registered", Parameter.zeros(2));
            forgotten = Parameter.zeros(3);
        }
    }

    @Test
    void namesComposeLikeAPyTorchStateDict() {
        Sequential net = new Sequential(new Block(Seeds.generator(1)), new Block(Seeds.generator(2)));
        assertEquals(List.of("0.fc.weight", "0.fc.bias", "0.norm.weight", "0.norm.bias",
                "1.fc.weight", "1.fc.bias", "1.norm.weight", "1.norm.bias"),
                List.copyOf(net.namedParameters().keySet()));
        assertEquals(2 * (16 + 4 + 4 + 4), net.parameterCount());
    }

    @Test
    void everyModuleOfTheEngineRegistersItsFields() {
        RandomGenerator rng = Seeds.generator(3);
        List<Module> modules = List.of(new Linear(3, 2, rng), new Linear(3, 2, Linear.Bias.NO, rng),
                new Embedding(5, 3, rng), new LayerNorm(3), new Dropout(0.1f, rng),
                new Mlp(new int[] {3, 4, 2}, Activation.RELU, rng), new Block(rng), Activation.GELU.layer());
        for (Module m : modules) {
            assertEquals(List.of(), m.unregistered(), m.getClass().getSimpleName());
        }
    }

    @Test
    void anUnregisteredParameterFieldIsFound() {
        assertEquals(List.of("Forgetful.forgotten"), new Forgetful().unregistered());
    }

    @Test
    void duplicateOrDottedNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                parameter("w", Parameter.zeros(1));
                parameter("w", Parameter.zeros(1));
            }
        });
        assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                parameter("a.b", Parameter.zeros(1));
            }
        });
    }

    @Test
    void modeIsSharedDownTheTree() {
        Mlp mlp = new Mlp(new int[] {2, 3, 2}, Activation.TANH, Seeds.generator(4));
        mlp.eval();
        mlp.apply(m -> assertEquals(Mode.EVAL, m.mode()));
        mlp.train();
        mlp.apply(m -> assertTrue(m.isTraining()));
    }

    @Test
    void linearComputesXTimesWeightTransposedPlusBias() {
        Linear fc = new Linear(3, 2, Seeds.generator(5));
        float[] w = fc.weight().data();
        float[] b = fc.bias().data();
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        Tensor y = fc.forward(x);
        assertEquals(Shape.of(1, 2), y.shape());
        for (int o = 0; o < 2; o++) {
            float want = w[o * 3] + 2 * w[o * 3 + 1] + 3 * w[o * 3 + 2] + b[o];
            assertEquals(want, y.get(0, o), 1e-6f);
        }
        float bound = (float) (1 / Math.sqrt(3));
        for (float v : w) {
            assertTrue(Math.abs(v) <= bound, "weight " + v + " outside PyTorch's init bound " + bound);
        }
    }

    @Test
    void dropoutIsTheIdentityInEvalMode() {
        Dropout d = new Dropout(0.5f, Seeds.generator(6));
        Tensor x = Tensor.ones(100);
        d.eval();
        assertSame(x, d.forward(x));
        d.train();
        float[] y = d.forward(x).toArray();
        int zeros = 0;
        for (float v : y) {
            zeros += v == 0f ? 1 : 0;
        }
        assertTrue(zeros > 20 && zeros < 80, zeros + " of 100 dropped at p = 0.5");
    }

    @Test
    void mlpTrainsEndToEndThroughAllItsParameters() {
        Mlp mlp = new Mlp(new int[] {2, 8, 3}, Activation.RELU, Seeds.generator(7));
        Tensor loss = mlp.forward(Tensor.randn(Seeds.generator(8), 5, 2)).square().mean();
        loss.backward();
        mlp.namedParameters().forEach((n, p) -> assertTrue(p.grad() != null, "no gradient for " + n));
        assertSame(mlp.parameters().get(0), mlp.namedParameters().get("layers.0.weight"));
    }
}
