/**
 * A training run's report, read back from its run folder: {@link dev.thirty.cli.report.RunFolder}
 * parses {@code config.json}, {@code metrics.csv} and {@code result.json};
 * {@link dev.thirty.cli.report.Plots} draws one PNG per quantity; {@link dev.thirty.cli.report.ReportWriter}
 * writes {@code report.md}; {@link dev.thirty.cli.report.RunReport#render} does all three.
 */
package dev.thirty.cli.report;
