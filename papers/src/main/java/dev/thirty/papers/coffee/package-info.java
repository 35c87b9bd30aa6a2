/**
 * The coffee automaton: how apparent complexity rises and falls in a closed system while entropy
 * only rises.
 *
 * <p>Scott Aaronson, Sean M. Carroll and Lauren Ouellette (2014), "Quantifying the Rise and Fall of
 * Complexity in Closed Systems: The Coffee Automaton", arXiv:1405.6903; the question comes from
 * Aaronson's blog post "The First Law of Complexodynamics" (2011). Cream sits on coffee in an n×n
 * cup and mixes by random local moves. The entropy of a state x is estimated by the compressed
 * size of x; its apparent complexity by the compressed size of a coarse-grained f(x). Compression
 * stands in for Kolmogorov complexity, which it bounds from above.
 *
 * <table>
 *   <caption>Paper to code</caption>
 *   <tr><th>section</th><th>class</th></tr>
 *   <tr><td>§3 the automata: start state, run lengths</td><td>{@link dev.thirty.papers.coffee.Automaton},
 *       {@link dev.thirty.papers.coffee.Model}</td></tr>
 *   <tr><td>§3.1 interacting model (swaps of neighbouring cells)</td>
 *       <td>{@link dev.thirty.papers.coffee.InteractingAutomaton}</td></tr>
 *   <tr><td>§3.2 non-interacting model (independent random walks)</td>
 *       <td>{@link dev.thirty.papers.coffee.NonInteractingAutomaton}</td></tr>
 *   <tr><td>§5 coarse-graining: g×g window mean, 3 buckets</td>
 *       <td>{@link dev.thirty.papers.coffee.CoarseGraining}</td></tr>
 *   <tr><td>§5 entropy and complexity as compressed sizes</td>
 *       <td>{@link dev.thirty.papers.coffee.ComplexityMeter}, {@link dev.thirty.io.compress.Compressor},
 *       {@link dev.thirty.io.compress.Codec}</td></tr>
 *   <tr><td>§6 adjusted coarse-graining: 7 buckets, row majority</td>
 *       <td>{@link dev.thirty.papers.coffee.CoarseGraining.Kind#ADJUSTED}</td></tr>
 *   <tr><td>Figures 2-4: curves over time and grid pictures</td>
 *       <td>{@link dev.thirty.papers.coffee.Trajectory}, {@link dev.thirty.papers.coffee.CoffeeExperiment}</td></tr>
 *   <tr><td>§7 scaling with n: maximum complexity, maximum entropy, time of the peak</td>
 *       <td>{@link dev.thirty.papers.coffee.CoffeeScalingExperiment},
 *       {@link dev.thirty.papers.coffee.ScalingQuantity}, {@link dev.thirty.papers.coffee.PowerLawFit}</td></tr>
 * </table>
 *
 * <p>Serialisation for compression: a fine-grained state is one byte per cell, row-major from the
 * top-left, holding the cell's number of cream particles; a coarse-grained state is one byte per
 * cell, row-major, holding its bucket number. No header: the compressor's own framing is the only
 * overhead.
 *
 * <p>Deviations from the paper:
 * <ul>
 *   <li>The non-interacting model moves one random particle per elementary move instead of all
 *       particles once per step (n·⌊n/2⌋ of our moves make one of its steps, on average).</li>
 *   <li>Windows at the grid's edge are clipped to the grid, and their mean is over the cells inside.</li>
 *   <li>The row-majority adjustment is our reading of §6, spelled out in
 *       {@link dev.thirty.papers.coffee.CoarseGraining}.</li>
 *   <li>Peak times are counted in attempted swaps; the sweep also reports them in sweeps (n² swaps),
 *       the unit in which diffusion across the cup takes ~n² and in which the paper's n² reads
 *       naturally. Peak times come from a 5-snapshot running mean of the curve.</li>
 *   <li>Compression at the strongest usual level (gzip -9); the paper does not state its level.</li>
 * </ul>
 */
package dev.thirty.papers.coffee;
