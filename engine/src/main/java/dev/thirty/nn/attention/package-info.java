/**
 * Attention building blocks of Vaswani et al. (2017), "Attention Is All You Need", NeurIPS,
 * shared by every paper that uses them (the Transformer, the GPT).
 *
 * <table>
 *   <caption>Paper to code</caption>
 *   <tr><th>section</th><th>class</th></tr>
 *   <tr><td>§3.2.1 Scaled Dot-Product Attention, Eq. (1)</td><td>{@link dev.thirty.nn.attention.ScaledDotProductAttention}</td></tr>
 *   <tr><td>§3.2.3 masks: padding and "illegal connections"</td><td>{@link dev.thirty.nn.attention.AttentionMask}</td></tr>
 *   <tr><td>§3.2.2 Multi-Head Attention, Eq. (4-5)</td><td>{@link dev.thirty.nn.attention.MultiHeadAttention}</td></tr>
 *   <tr><td>§3.2.1-3.2.3 causal self-attention, fused</td><td>{@link dev.thirty.nn.attention.FusedCausalAttention}</td></tr>
 *   <tr><td>§3.3 Position-wise Feed-Forward, Eq. (2)</td><td>{@link dev.thirty.nn.attention.PositionwiseFeedForward}</td></tr>
 *   <tr><td>§3.5 Positional Encoding</td><td>{@link dev.thirty.nn.attention.SinusoidalPositionalEncoding}</td></tr>
 * </table>
 */
package dev.thirty.nn.attention;
