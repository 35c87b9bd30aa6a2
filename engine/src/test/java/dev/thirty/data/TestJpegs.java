package dev.thirty.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Small JPEGs and zips of them, CIFAR-style ({@code <split>/<class>/NNNN.jpg}), for tests. */
final class TestJpegs {

    private TestJpegs() {
    }

    /** A {@code w x h} JPEG of one flat colour {@code (r, g, b)}: flat blocks survive JPEG almost exactly. */
    static byte[] jpeg(int r, int g, int b, int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** A 32x32 flat JPEG. */
    static byte[] jpeg(int r, int g, int b) throws IOException {
        return jpeg(r, g, b, 32, 32);
    }

    /** Three airplanes and two cats in {@code train/}, one truck in {@code test/}; colours differ per image. */
    static Map<String, byte[]> cifarLike() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("train/airplane/0000.jpg", jpeg(200, 100, 50));
        m.put("train/airplane/0001.jpg", jpeg(10, 20, 30));
        m.put("train/airplane/0002.jpg", jpeg(90, 90, 90));
        m.put("train/cat/0000.jpg", jpeg(250, 0, 120));
        m.put("train/cat/0001.jpg", jpeg(0, 255, 0));
        m.put("test/truck/0000.jpg", jpeg(40, 80, 160));
        return m;
    }

    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }
}
