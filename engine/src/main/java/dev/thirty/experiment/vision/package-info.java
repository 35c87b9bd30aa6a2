/**
 * Figures for image-classification papers, as pure functions over plain arrays: no tensors, no
 * modules, so a paper feeds them whatever its model produced. First user: AlexNet, Krizhevsky,
 * Sutskever and Hinton (2012), "ImageNet Classification with Deep Convolutional Neural Networks".
 *
 * <table>
 *   <caption>Figures and classes</caption>
 *   <tr><th>figure</th><th>class</th></tr>
 *   <tr><td>the test error, per-class recall and precision, the confusion matrix as CSV, a
 *       Markdown table and a heat map</td><td>{@link dev.thirty.experiment.vision.ConfusionMatrix}</td></tr>
 *   <tr><td>Figure 3: the first layer's filters as a mosaic, in one block per GPU tower</td>
 *       <td>{@link dev.thirty.experiment.vision.FilterMosaic}</td></tr>
 *   <tr><td>Figure 4: the nearest training images in feature space, exact and fed in blocks</td>
 *       <td>{@link dev.thirty.experiment.vision.NearestNeighbours}</td></tr>
 *   <tr><td>Figure 4 as a picture: each query image, then its neighbours</td>
 *       <td>{@link dev.thirty.experiment.vision.NeighbourGrid}, over
 *       {@link dev.thirty.experiment.vision.ImageArray}</td></tr>
 * </table>
 *
 * <p>Pictures come back as {@link java.awt.image.BufferedImage} ({@code TYPE_INT_RGB}) and are
 * written as PNG through {@link dev.thirty.io.AtomicFiles}, so an interrupted write leaves the
 * previous file whole. They are painted pixel by pixel and need neither a display nor fonts, except
 * the confusion matrix's text ({@link dev.thirty.experiment.vision.ConfusionMatrix.Annotation}),
 * which uses the default sans-serif font off screen, as the run plots do; choose
 * {@code Annotation.NONE} on a machine without fonts. Bad input (lengths that do not match a
 * shape, labels outside the classes, {@code k} larger than the bank, non-finite values) is an
 * {@link java.lang.IllegalArgumentException} that names the problem.
 */
package dev.thirty.experiment.vision;
