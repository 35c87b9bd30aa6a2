package dev.thirty.papers.kolmogorov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thirty.data.DataLocation;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KolmogorovExperimentTest {

    /**
     * On real text, same-source slices (same author or corpus, same language) share vocabulary that the
     * compressor exploits, so the mean same-source NCD is below the mean cross-source NCD.
     */
    @Test
    void tinyRunSeparatesSourcesAndWritesTheTables(@TempDir Path dir) throws Exception {
        String env = System.getenv(DataLocation.DATA_ENV);
        assumeTrue(env != null && Files.isDirectory(Path.of(env, "multi30k")) && Files.isDirectory(Path.of(env, "ptb")),
                "set THIRTY_DATA to a folder holding tinyshakespeare/, ptb/ and multi30k/");
        DataLocation data = DataLocation.of(null, System.getenv(), dir);
        RunResult r;
        try (RunContext ctx = RunContext.open(RunContext.Settings.quiet(dir, 3, data))) {
            r = new KolmogorovExperiment().run(KolmogorovConfig.tiny(), ctx);
        }
        assertEquals(RunResult.Status.COMPLETED, r.status());
        double same = r.metrics().get("ncd/gzip/mean_same");
        double cross = r.metrics().get("ncd/gzip/mean_cross");
        assertTrue(same < cross, "same " + same + " vs cross " + cross);
        String md = Files.readString(dir.resolve("samples.md"));
        assertTrue(md.contains("| 1 | 0.5000 |") && md.contains("Average-linkage tree"), md);
        assertTrue(md.contains("(" + KolmogorovExperiment.PICTURE + ")"), "the clustering picture is not shown");
        assertTrue(ImageIO.read(dir.resolve(KolmogorovExperiment.PICTURE).toFile()).getWidth() > 100);
        String metrics = Files.readString(dir.resolve("metrics.csv"));
        assertTrue(metrics.contains("gzip/shortened_fraction") && metrics.contains("bound/shortened_fraction"),
                "the counting curves are not logged under one quantity");
    }
}
