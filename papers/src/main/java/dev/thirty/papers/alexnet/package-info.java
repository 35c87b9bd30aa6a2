/**
 * Convolutional networks: Krizhevsky, Sutskever and Hinton (2012), "ImageNet Classification with Deep
 * Convolutional Neural Networks", NIPS 25; Krizhevsky's CIFAR-10 recipes from his cuda-convnet; and LeNet-5
 * (LeCun, Bottou, Bengio and Haffner, 1998) as the quick run.
 *
 * <p>Sources of the cuda-convnet definitions: the Google Code trunk of {@code cuda-convnet}, mirrored at
 * github.com/dnouri/cuda-convnet — {@code example-layers/layers-80sec.cfg}, {@code layers-18pct.cfg},
 * {@code layers-19pct.cfg} and their {@code layer-params-*.cfg} (learning rates, weight decay, the
 * normalisation's size, scale and power, the schedules in their comments), {@code layer.py} (the
 * {@code scale / size^2} of {@code rnorm}), {@code src/layer.cu} (the update rule) and
 * {@code src/cudaconv2/conv_util.cu} (average pooling over the in-image window); the project wiki's
 * {@code LayerParams} and {@code Methodology} pages.
 *
 * <table>
 *   <caption>Paper to code</caption>
 *   <tr><th>idea</th><th>class</th></tr>
 *   <tr><td>Figure 2: five convolutions, three dense layers, two GPU towers as {@code groups = 2}</td>
 *       <td>{@link dev.thirty.papers.alexnet.AlexNet}</td></tr>
 *   <tr><td>§3.3 local response normalisation</td><td>{@link dev.thirty.nn.LocalResponseNorm},
 *       {@link dev.thirty.kernels.ResponseNorm#alexNetPaper()}</td></tr>
 *   <tr><td>§3.4 overlapping max pooling, 3x3 at stride 2</td><td>{@link dev.thirty.nn.Pool2d}</td></tr>
 *   <tr><td>§4.1 random patches, reflections, RGB-PCA jitter; ten-patch test</td>
 *       <td>{@link dev.thirty.data.Crops}, {@link dev.thirty.data.PcaColour}</td></tr>
 *   <tr><td>§4.2 dropout 0.5 in fc6 and fc7</td><td>{@link dev.thirty.nn.Dropout}</td></tr>
 *   <tr><td>§5 SGD, momentum 0.9, weight decay 0.0005, N(0, 0.01) weights, biases 1 in some layers</td>
 *       <td>{@link dev.thirty.papers.alexnet.AlexNetExperiment}</td></tr>
 *   <tr><td>§6.1 Figure 3 (first-layer filters), Figure 4 (neighbours in the last hidden layer)</td>
 *       <td>{@link dev.thirty.experiment.vision.FilterMosaic},
 *       {@link dev.thirty.experiment.vision.NearestNeighbours}</td></tr>
 *   <tr><td>cuda-convnet's CIFAR-10 nets, layer parameters and update rule</td>
 *       <td>{@link dev.thirty.papers.alexnet.CudaConvnet},
 *       {@link dev.thirty.papers.alexnet.AlexNetCifarExperiment}</td></tr>
 *   <tr><td>LeNet-5 (modern form)</td><td>{@link dev.thirty.papers.alexnet.LeNet5},
 *       {@link dev.thirty.papers.alexnet.LeNetExperiment}</td></tr>
 * </table>
 *
 * <p>Deviations: CIFAR-10 comes from a JPEG copy unless the binary batches are given (the report compares the
 * 200 lossless images with their copies); cuda-convnet's momentum buffer holds {@code epsW}-scaled steps, so
 * at a learning-rate drop its old momentum carries the old rate for a few steps, while PyTorch-style SGD here
 * applies the new rate at once.
 */
package dev.thirty.papers.alexnet;
