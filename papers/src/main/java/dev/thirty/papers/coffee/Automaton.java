package dev.thirty.papers.coffee;

/**
 * §3 of the paper: a closed system on an n×n grid that starts with cream (top half) above coffee
 * (bottom half) and mixes by local random moves.
 *
 * <p>Call order: {@link #advance} any number of times; in between, {@link #fineGrained} reads the
 * state. Time counts the model's elementary moves (for both models, one attempted move).
 */
public sealed interface Automaton permits InteractingAutomaton, NonInteractingAutomaton {

    /** The side n of the grid. */
    int size();

    /** Elementary moves attempted so far. */
    long time();

    /** Attempts {@code moves} more elementary moves. */
    void advance(long moves);

    /**
     * The fine-grained state x_t, serialised for compression: one byte per cell, row-major from
     * the top-left, the number of cream particles in the cell (0 or 1 in the interacting model;
     * capped at 255, far above any count these runs reach).
     *
     * @param out n² bytes, overwritten
     */
    void fineGrained(byte[] out);

    /** The number of cream particles on the grid: n·⌊n/2⌋ at every time. */
    long cream();
}
