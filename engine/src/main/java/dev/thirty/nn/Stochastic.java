package dev.thirty.nn;

import java.util.random.RandomGenerator;

/**
 * A module that draws random numbers in its forward pass (dropout). Whoever runs the same forward
 * twice and needs the same draws, as a pipeline does when it recomputes a stage during backward,
 * saves the generator's state before the first pass and restores it before the second; that
 * works when the generator is a {@link dev.thirty.tensor.Rng}, whose whole state can be read.
 */
public interface Stochastic {

    /** The generator this module draws from. */
    RandomGenerator generator();
}
