/**
 * Recurrent cells and stacks, gate by gate as Olah's "Understanding LSTM Networks" (2015) draws
 * them: {@link dev.thirty.nn.recurrent.RnnCell}, {@link dev.thirty.nn.recurrent.LstmCell},
 * {@link dev.thirty.nn.recurrent.PeepholeLstmCell}, {@link dev.thirty.nn.recurrent.CoupledLstmCell}
 * and {@link dev.thirty.nn.recurrent.GruCell}, each composed from tensor primitives so autograd
 * differentiates through time, with weights laid out as PyTorch's {@code nn.RNN/LSTM/GRU}.
 * {@link dev.thirty.nn.recurrent.RecurrentStack} runs L layers over whole sequences.
 */
package dev.thirty.nn.recurrent;
