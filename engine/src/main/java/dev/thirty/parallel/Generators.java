package dev.thirty.parallel;

import dev.thirty.nn.Module;
import dev.thirty.nn.Stochastic;
import dev.thirty.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/** The random generators of dropout layers, and their states saved and put back. */
final class Generators {

    private Generators() {
    }

    /** Every {@link Rng} that a {@link Stochastic} module of {@code module} draws from, once each, in order. */
    static List<Rng> of(Module module) {
        List<Rng> out = new ArrayList<>();
        module.apply(m -> {
            if (m instanceof Stochastic s && s.generator() instanceof Rng r && out.stream().noneMatch(x -> x == r)) {
                out.add(r);
            }
        });
        return out;
    }

    static long[][] states(List<Rng> gens) {
        long[][] out = new long[gens.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = gens.get(i).state();
        }
        return out;
    }

    /** Puts {@code states} (from {@link #states}) back; null does nothing. */
    static void restore(List<Rng> gens, long[][] states) {
        if (states == null) {
            return;
        }
        for (int i = 0; i < states.length; i++) {
            gens.get(i).setState(states[i]);
        }
    }
}
