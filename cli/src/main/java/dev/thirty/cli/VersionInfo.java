package dev.thirty.cli;

import dev.thirty.kernels.ComputePool;
import dev.thirty.kernels.Kernels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The version line, and the facts about this run's machine every report records. */
public final class VersionInfo implements CommandLine.IVersionProvider {

    /** The project version baked into the jar at build time. */
    public static String version() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java version, kernel backend and thread count, as one line. */
    public static String runtime() {
        return runtime(ComputePool.configuredThreads());
    }

    /** The runtime line for a computation that runs on {@code threads} compute threads. */
    public static String runtime(int threads) {
        return backend() + ", " + threads + (threads == 1 ? " thread" : " threads");
    }

    /** The Java version and kernel set, for a measurement that names its thread counts itself. */
    public static String backend() {
        return "Java " + Runtime.version() + ", " + Kernels.configuredBackend().name().toLowerCase()
                + " kernels";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"thirty " + version(), runtime()};
    }
}
