package dev.thirty.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code thirty} command. */
@Command(name = "thirty",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Papers of Ilya Sutskever's reading list, run on an engine of our own.",
        subcommands = {ListCommand.class, RunCommand.class, SampleCommand.class, TranslateCommand.class,
                ReportCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; used by {@link #main} and by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Main::reportUsageError);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                line.getErr().println("thirty: " + e.getMessage());
                line.getErr().flush();
                return 2;
            }
            if (e instanceof java.io.UncheckedIOException || e instanceof IllegalStateException) {
                // Missing or corrupt data, unwritable run folders, a diverging run: say what and where.
                Throwable cause = e instanceof java.io.UncheckedIOException ? e.getCause() : e;
                line.getErr().println("thirty: " + cause.getMessage());
                line.getErr().flush();
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** One line naming the problem, then the usage of the command it concerns; exit code 2. */
    private static int reportUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("thirty: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.print(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF));
        err.flush();
        return 2;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
