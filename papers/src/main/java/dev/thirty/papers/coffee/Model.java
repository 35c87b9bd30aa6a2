package dev.thirty.papers.coffee;

import java.util.SplittableRandom;

/**
 * The two automata of §3, each with its sweep (the moves that give every site or particle one
 * move on average) and its run length from {@link CoffeeConfig}, in n² sweeps.
 */
public enum Model {
    /** §3.1: swaps of neighbouring cells; a sweep is n² attempted swaps. */
    INTERACTING("interacting") {
        @Override
        public Automaton create(int n, SplittableRandom rng) {
            return new InteractingAutomaton(n, rng);
        }

        @Override
        public long sweep(int n) {
            return (long) n * n;
        }

        @Override
        double run(CoffeeConfig c) {
            return c.interactingRun();
        }
    },
    /** §3.2: independent random walks; a sweep is one step of each of the n·⌊n/2⌋ particles. */
    NON_INTERACTING("noninteracting") {
        @Override
        public Automaton create(int n, SplittableRandom rng) {
            return new NonInteractingAutomaton(n, rng);
        }

        @Override
        public long sweep(int n) {
            return (long) (n / 2) * n;
        }

        @Override
        double run(CoffeeConfig c) {
            return c.nonInteractingRun();
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

    /** Elementary moves in one sweep of an n×n grid. */
    public abstract long sweep(int n);

    /** This model's run length under {@code c}, in n² sweeps. */
    abstract double run(CoffeeConfig c);

    /** Elementary moves in a full run under {@code c}: run·n² sweeps, at least one move. */
    public long runLength(CoffeeConfig c) {
        return Math.max(1, Math.round(run(c) * c.n() * c.n() * sweep(c.n())));
    }
}
