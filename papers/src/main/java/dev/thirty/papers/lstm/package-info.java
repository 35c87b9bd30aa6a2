/**
 * Olah (2015), "Understanding LSTM Networks": the long-term dependency problem, measured. A value
 * shown at the first step must be recalled after a gap of distractors; the vanilla RNN, the LSTM
 * and the GRU of {@code dev.thirty.nn.recurrent} are compared at equal parameter budget over
 * several gaps ({@code thirty run lstm}).
 */
package dev.thirty.papers.lstm;
