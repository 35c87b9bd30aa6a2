package dev.thirty.papers.coffee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.DataLocation;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoffeeExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void tinyRunWritesCurvesCsvPicturesAndHeadline() throws IOException {
        RunResult r;
        try (RunContext ctx = RunContext.open(RunContext.Settings.quiet(tmp, 3, DataLocation.of(tmp, Map.of(), tmp)))) {
            r = new CoffeeExperiment().run(CoffeeConfig.tiny(), ctx);
        }
        assertEquals(RunResult.Status.COMPLETED, r.status());
        assertTrue(r.metrics().get(CoffeeExperiment.HEADLINE) >= 1.0, r.metrics().toString());
        String metrics = Files.readString(tmp.resolve("metrics.csv"));
        for (String m : new String[] {"interacting/entropy", "noninteracting/adjusted_complexity",
            "interacting-bzip2/complexity"}) {
            assertTrue(metrics.contains(m), m);
        }
        long rows = Files.readAllLines(tmp.resolve("coffee.csv")).size();
        int snapshots = SnapshotTimes.of(Model.INTERACTING.runLength(CoffeeConfig.tiny()), 40,
                SnapshotTimes.Spacing.LOG).length;
        assertTrue(rows > 2 * snapshots, "coffee.csv has " + rows + " lines");
        String samples = Files.readString(tmp.resolve("samples.md"));
        for (Model m : Model.values()) {
            String png = m.label() + "-grid.png";
            assertTrue(samples.contains("(" + png + ")"), png + " not referenced");
            var image = ImageIO.read(tmp.resolve(png).toFile());
            // Three rows (fine, 3-bucket, adjusted) of at least two times, each at least n pixels wide.
            int n = CoffeeConfig.tiny().n();
            assertTrue(image.getHeight() >= 3 * n && image.getWidth() >= 2 * n,
                    png + " is " + image.getWidth() + "x" + image.getHeight());
        }
    }
}
