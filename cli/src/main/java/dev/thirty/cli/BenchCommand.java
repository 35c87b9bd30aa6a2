package dev.thirty.cli;

import picocli.CommandLine.Command;

/** {@code thirty bench ...}: performance workloads with throughput figures. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run a performance workload and print throughput figures (medians).",
        subcommands = {GemmBench.class, MlpBench.class, CharRnnBench.class, GptBench.class, CoffeeBench.class,
                ConvBench.class, GpipeBench.class, NtmBench.class, PtbBench.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "bench: name a workload: " + String.join(", ", spec.commandLine().getSubcommands().keySet()));
    }
}
