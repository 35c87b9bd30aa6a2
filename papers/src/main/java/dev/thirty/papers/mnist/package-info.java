/**
 * A multi-layer perceptron on MNIST: the first experiment wired end to end through the
 * {@code thirty} command, and the baseline every later image model is measured against.
 *
 * <p>LeCun, Bottou, Bengio and Haffner (1998), "Gradient-based learning applied to document
 * recognition", Proc. IEEE 86(11), compare fully connected networks on MNIST; Simard, Steinkraus
 * and Platt (2003) report 1.6% test error for a 784-800-10 network trained with cross-entropy and
 * no distortions — the paper number shown beside ours.
 *
 * <table>
 *   <caption>Paper to code</caption>
 *   <tr><th>idea</th><th>class</th></tr>
 *   <tr><td>784-H-10 network, ReLU hidden layers, softmax output</td><td>{@link dev.thirty.nn.Mlp}</td></tr>
 *   <tr><td>cross-entropy training with SGD and momentum, cosine-decayed rate</td>
 *       <td>{@link dev.thirty.papers.mnist.MlpMnistExperiment}</td></tr>
 *   <tr><td>settings and presets</td><td>{@link dev.thirty.papers.mnist.MlpMnistConfig}</td></tr>
 * </table>
 *
 * <p>Deviation from the papers: ReLU instead of sigmoid/tanh hidden units and a cosine learning
 * rate schedule, which reach the same accuracy in far fewer epochs on a CPU.
 */
package dev.thirty.papers.mnist;
