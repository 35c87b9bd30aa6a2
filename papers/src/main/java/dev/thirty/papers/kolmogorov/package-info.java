/**
 * The Kolmogorov side of the complexodynamics papers: a compressor's output length is a
 * computable upper bound on Kolmogorov complexity K(x), good enough to count with and to measure
 * distances with.
 *
 * <p>Li and Vitányi, An Introduction to Kolmogorov Complexity and Its Applications, §2.2
 * (incompressibility); Cilibrasi and Vitányi, "Clustering by Compression", IEEE Trans. Inf. Theory
 * 51(4), 2005 (NCD); read alongside Aaronson's "The First Law of Complexodynamics" (2011) and the
 * coffee automaton ({@code dev.thirty.papers.coffee}). The compressors live in the engine,
 * {@link dev.thirty.io.compress.Codec}.
 *
 * <table>
 *   <caption>Where each idea lives</caption>
 *   <tr><th>idea</th><th>class</th></tr>
 *   <tr><td>counting: at most 2^−c of strings shrink by c bits</td>
 *       <td>{@link dev.thirty.papers.kolmogorov.Incompressibility}</td></tr>
 *   <tr><td>NCD, Cilibrasi and Vitányi §3</td><td>{@link dev.thirty.papers.kolmogorov.Ncd}</td></tr>
 *   <tr><td>clustering the NCD matrix (average linkage; the paper uses quartet trees)</td>
 *       <td>{@link dev.thirty.papers.kolmogorov.Linkage}</td></tr>
 *   <tr><td>the NCD matrix as a heat map beside its dendrogram</td>
 *       <td>{@code NcdPicture} ({@code ncd-clustering.png})</td></tr>
 *   <tr><td>same-source vs cross-source distances</td>
 *       <td>{@link dev.thirty.papers.kolmogorov.SourceSeparation}</td></tr>
 *   <tr><td>the text slices</td><td>{@link dev.thirty.papers.kolmogorov.TextSlice}</td></tr>
 *   <tr><td>{@code thirty run kolmogorov}</td>
 *       <td>{@link dev.thirty.papers.kolmogorov.KolmogorovExperiment},
 *       {@link dev.thirty.papers.kolmogorov.KolmogorovConfig}</td></tr>
 * </table>
 *
 * <p>Deviation from the papers: Cilibrasi and Vitányi build trees with the quartet method; we use
 * average linkage, which is simpler and enough for eight items.
 */
package dev.thirty.papers.kolmogorov;
