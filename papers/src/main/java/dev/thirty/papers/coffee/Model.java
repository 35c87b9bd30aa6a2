package dev.thirty.papers.coffee;

import java.util.SplittableRandom;

/** The two automata of §3, with the run length the paper uses for each. */
public enum Model {
    /** §3.1: swaps of neighbouring cells; about 4000·n² attempted swaps to equilibrium. */
    INTERACTING("interacting") {
        @Override
        public Automaton create(int n, SplittableRandom rng) {
            return new InteractingAutomaton(n, rng);
        }

        @Override
        public long runLength(CoffeeConfig c) {
            return c.interactingMovesPerCell() * (long) c.n() * c.n();
        }
    },
    /** §3.2: independent random walks; about 100·n moves of every particle. */
    NON_INTERACTING("noninteracting") {
        @Override
        public Automaton create(int n, SplittableRandom rng) {
            return new NonInteractingAutomaton(n, rng);
        }

        @Override
        public long runLength(CoffeeConfig c) {
            return c.nonInteractingSweepsPerSide() * (long) c.n() * ((long) (c.n() / 2) * c.n());
        }
    };

    private final String label;

    Model(String label) {
        this.label = label;
    }

    /** The name used in metrics and files, e.g. {@code interacting}. */
    public String label() {
        return label;
    }

    /** A fresh automaton at t = 0. */
    public abstract Automaton create(int n, SplittableRandom rng);

    /** Elementary moves in a full run under {@code c}. */
    public abstract long runLength(CoffeeConfig c);
}
