/**
 * Vaswani et al. (2017), "Attention Is All You Need", on a translation task that fits a CPU:
 * Multi30k German to English (Elliott, Frank, Sima'an and Specia 2016), scored with corpus BLEU as
 * sacreBLEU computes it (Post 2018). The model is the encoder-decoder of
 * {@link dev.thirty.papers.transformer.Transformer} with its embeddings shared (§3.4).
 *
 * <table>
 *   <caption>Paper to code</caption>
 *   <tr><th>section</th><th>class</th></tr>
 *   <tr><td>§3.1 encoder and decoder stacks, post-norm; §3.4 shared embeddings</td>
 *       <td>{@link dev.thirty.papers.transformer.Transformer} with
 *       {@link dev.thirty.papers.transformer.TransformerConfig.Embeddings#SHARED}</td></tr>
 *   <tr><td>§3.5 positions: sinusoidal, or learned ({@code --set positions=learned}, Table 3 row (E))</td>
 *       <td>{@link dev.thirty.papers.transformer.TransformerConfig.Positions}; the limit in
 *       {@link dev.thirty.papers.transformer.translate.TrainedModel} and
 *       {@link dev.thirty.papers.transformer.translate.BeamSearch}</td></tr>
 *   <tr><td>§5.1 training data and batching by approximate length</td>
 *       <td>{@link dev.thirty.papers.transformer.translate.Multi30k},
 *       {@link dev.thirty.papers.transformer.translate.TokenBatches},
 *       {@link dev.thirty.data.BytePairEncoding} (engine)</td></tr>
 *   <tr><td>§5.3 Adam β (0.9, 0.98), ε 1e-9, Noam schedule; §5.4 dropout, label smoothing</td>
 *       <td>{@link dev.thirty.papers.transformer.translate.TranslateExperiment}</td></tr>
 *   <tr><td>§6.1 beam search, beam 4, length penalty α 0.6, output limit input + 50</td>
 *       <td>{@link dev.thirty.papers.transformer.translate.BeamSearch}</td></tr>
 *   <tr><td>§6.1 BLEU (here sacreBLEU's: 13a tokenization, exp smoothing)</td>
 *       <td>{@link dev.thirty.papers.transformer.translate.Bleu}</td></tr>
 *   <tr><td>sizes and presets</td><td>{@link dev.thirty.papers.transformer.translate.TranslateConfig}</td></tr>
 * </table>
 *
 * <p>Why subwords (a joint BPE, Sennrich et al. 2016) rather than words: tied embeddings need
 * one vocabulary for both languages, and BPE gives it from the training text alone, in seconds,
 * with no out-of-vocabulary words; German compounds ("Antriebsradsystem") split into parts seen
 * elsewhere instead of becoming one rare or unknown word. The pre-tokenization is lossless, so the
 * output decodes back to plain text and BLEU is computed on detokenized output against the raw
 * references, as sacreBLEU intends. The paper used BPE too (37,000 shared tokens for WMT14
 * English-German); 5,000 merges suit Multi30k's 29,000 short captions.
 *
 * <p>Deviations from the paper: the model is smaller (the {@code cpu} preset: N 3, dModel 256,
 * dFf 512, h 4) and trains for a few epochs rather than 100,000 steps of 25,000-token batches, with
 * a shorter warmup and a scaled Noam factor to suit; no checkpoint averaging; label smoothing
 * spreads ε over all classes, padding included (as PyTorch's {@code label_smoothing}); the
 * generator (pre-softmax projection) has no bias. Validation BLEU during training is greedy on a
 * subset (cheap); the test number is beam search on all of test2016.
 *
 * <p>Result (the {@code cpu} schedule, seed 42, two threads on a two-core machine, 2026-11-28):
 * 5,260,544 parameters; greedy validation BLEU (300 sentences) 0.4, 4.8, 10.9, 13.0, 21.7, 25.0,
 * 28.0 and 29.6 after 250, 500, ..., 2000 steps, about 1.15 s per step; the run was stopped at
 * step 2036 (5.9 epochs, 39 minutes of training), and {@code thirty translate RUN --evaluate
 * test_2016_flickr} gave test2016 BLEU 30.25 with beam 4 and α 0.6 (sacreBLEU 13a; brevity
 * penalty 0.915), in 67 s. Neither the Noam schedule nor the batch order depends on the total
 * number of steps, so the preset's 2000 steps follow the same path. An earlier run stopped after
 * 1000 steps (2.9 epochs) reached 16.4: the epochs matter more than anything else here.
 */
package dev.thirty.papers.transformer.translate;
