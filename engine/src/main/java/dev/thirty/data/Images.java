package dev.thirty.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decoding PNG and JPEG images with {@code javax.imageio} into channel-first planes
 * {@code (3, H, W)}, R then G then B: floats in {@code [0, 1]} (value / 255) or the bytes
 * {@code 0..255} themselves.
 *
 * <p>Decoding buffers in memory rather than through ImageIO's optional temp-file cache, so
 * nothing is written to disk. A decoder warning is an error: ImageIO's JPEG reader answers a
 * truncated file with a warning ("Premature end of JPEG file") and an image padded with grey,
 * which must not pass for data. Grey-scale images are read from their raster and copied to all
 * three channels, because the colour-converting path would shift their values.
 */
public final class Images {

    private Images() {
    }

    /** Receives channel-first sample {@code index} (within one image) with value {@code 0..255}. */
    @FunctionalInterface
    private interface Sink {
        void put(int index, int value);
    }

    /**
     * Decodes one image.
     *
     * @param name the file or archive entry, for error messages
     * @throws CorruptDataException naming {@code name} when the bytes are not a decodable image,
     *                              or the decoder warned about them (e.g. a truncated JPEG)
     */
    public static BufferedImage decode(InputStream in, String name) throws IOException {
        ImageInputStream iis = new MemoryCacheImageInputStream(in);
        ImageReader reader = null;
        try {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new CorruptDataException(name, -1, "cannot decode image: no PNG/JPEG/... reader recognises"
                        + " its bytes", null);
            }
            reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            reader.setInput(iis, true, true);
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                throw new CorruptDataException(name, -1, "cannot decode image: the " + reader.getFormatName()
                        + " decoder warned: " + String.join("; ", warnings), null);
            }
            return image;
        } catch (CorruptDataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptDataException(name, -1, "cannot decode image: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
            iis.close();
        }
    }

    /** Writes {@code image} as {@code (3, H, W)} floats in {@code [0, 1]} into {@code dst} at {@code offset}. */
    public static void toChannels(BufferedImage image, float[] dst, int offset) {
        channels(image, (i, v) -> dst[offset + i] = v / 255f);
    }

    /** Writes {@code image} as {@code (3, H, W)} bytes {@code 0..255} into {@code dst} at {@code offset}. */
    public static void toChannelBytes(BufferedImage image, byte[] dst, int offset) {
        channels(image, (i, v) -> dst[offset + i] = (byte) v);
    }

    private static void channels(BufferedImage image, Sink sink) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            Raster raster = image.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = raster.getSample(x, y, 0);
                    int i = y * w + x;
                    sink.put(i, v);
                    sink.put(i + plane, v);
                    sink.put(i + 2 * plane, v);
                }
            }
            return;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            sink.put(i, (p >>> 16) & 0xff);
            sink.put(plane + i, (p >>> 8) & 0xff);
            sink.put(2 * plane + i, p & 0xff);
        }
    }
}
