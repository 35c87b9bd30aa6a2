/**
 * What a paper plugs into the {@code thirty} command: an {@link dev.thirty.experiment.Experiment}
 * (name, citation, presets, the paper's number) whose {@code run} method is one visible training
 * loop, and the {@link dev.thirty.experiment.RunContext} it reports to: metrics, progress,
 * checkpoints, resume and interruption.
 */
package dev.thirty.experiment;
