package dev.thirty.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decoding PNG and JPEG images with {@code javax.imageio} into channel-first float planes
 * {@code (3, H, W)} in {@code [0, 1]} (value / 255), R then G then B.
 *
 * <p>Decoding buffers in memory rather than through ImageIO's optional temp-file cache, so
 * nothing is written to disk. Grey-scale images are read from their raster and copied to all
 * three channels, because the colour-converting path would shift their values.
 */
public final class Images {

    private Images() {
    }

    /**
     * Decodes one image.
     *
     * @param name the file or archive entry, for error messages
     * @throws CorruptDataException naming {@code name} when the bytes are not a decodable image
     */
    public static BufferedImage decode(InputStream in, String name) throws IOException {
        BufferedImage image;
        ImageInputStream iis = new MemoryCacheImageInputStream(in);
        try {
            image = ImageIO.read(iis); // closes iis once a reader has been found
        } catch (IOException | RuntimeException e) {
            throw new CorruptDataException(name, -1, "cannot decode image: " + e.getMessage(), e);
        }
        if (image == null) {
            iis.close();
            throw new CorruptDataException(name, -1, "cannot decode image: no PNG/JPEG/... reader recognises"
                    + " its bytes", null);
        }
        return image;
    }

    /** Writes {@code image} as {@code (3, H, W)} floats in {@code [0, 1]} into {@code dst} at {@code offset}. */
    public static void toChannels(BufferedImage image, float[] dst, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            Raster raster = image.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = raster.getSample(x, y, 0) / 255f;
                    int i = offset + y * w + x;
                    dst[i] = v;
                    dst[i + plane] = v;
                    dst[i + 2 * plane] = v;
                }
            }
            return;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            dst[offset + i] = ((p >>> 16) & 0xff) / 255f;
            dst[offset + plane + i] = ((p >>> 8) & 0xff) / 255f;
            dst[offset + 2 * plane + i] = (p & 0xff) / 255f;
        }
    }
}
