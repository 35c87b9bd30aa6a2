package dev.thirty.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @TempDir
    Path dir;

    @Test
    void drawsOnePngPerQuantityLossesFirstAtEightHundredByFiveHundred() throws IOException {
        List<Plots.Plot> plots = Plots.render(MetricsCsv.parse(SampleRun.METRICS), "mlp-mnist", dir);
        assertEquals(List.of("loss", "lr", "accuracy"), plots.stream().map(Plots.Plot::quantity).toList());
        assertEquals(List.of("loss.png", "lr.png", "accuracy.png"),
                plots.stream().map(p -> p.file().getFileName().toString()).toList());
        for (Plots.Plot p : plots) {
            BufferedImage image = ImageIO.read(p.file().toFile());
            assertNotNull(image, p.file() + " should decode as an image");
            assertEquals(Plots.WIDTH, image.getWidth());
            assertEquals(Plots.HEIGHT, image.getHeight());
        }
    }

    @Test
    void renderingTheSameMetricsAgainGivesTheSameBytes() throws IOException {
        Metrics metrics = MetricsCsv.parse(SampleRun.METRICS);
        Path first = Plots.render(metrics, "mlp-mnist", dir).getFirst().file();
        byte[] before = Files.readAllBytes(first);
        Plots.render(metrics, "mlp-mnist", dir);
        assertArrayEquals(before, Files.readAllBytes(first));
    }

    @Test
    void aLossSpanningDecadesAndASeriesOfOnlyNaNsStillRender() throws IOException {
        Metrics metrics = MetricsCsv.parse("""
                step,metric,value
                1,train/loss,5.0
                2,train/loss,0.5
                3,train/loss,0.004
                3,val/loss,NaN
                """);
        Path file = Plots.render(metrics, "x", dir).getFirst().file();
        assertEquals(Plots.WIDTH, ImageIO.read(file.toFile()).getWidth());
    }

    @Test
    void quantitiesWithUnsafeCharactersGetDistinctSafeFileNames() {
        Metrics metrics = MetricsCsv.parse("""
                step,metric,value
                1,train/grad/norm,1
                1,train/grad-norm,2
                """);
        assertEquals(List.of("grad-norm.png", "grad-norm-2.png"), Plots.render(metrics, "x", dir).stream()
                .map(p -> p.file().getFileName().toString()).toList());
    }
}
