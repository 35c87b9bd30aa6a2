package dev.thirty.experiment.vision;

/**
 * Images to draw: {@code (count, channels, height, width)} floats, channel-first and row-major, as
 * the data loaders give them, with the range their values are on. Three channels are red, green,
 * blue; one channel is grey.
 *
 * @param pixels not copied, so do not change them while drawing
 */
public record ImageArray(float[] pixels, int count, int channels, int height, int width, PixelRange range) {

    /** The scale of the values: {@code [0, 1]} or {@code [0, 255]}. */
    public enum PixelRange {
        UNIT,
        BYTE;

        /** The value drawn as full intensity: 1 or 255. */
        public float max() {
            return this == UNIT ? 1 : 255;
        }
    }

    public ImageArray {
        if (count < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("images need a positive count, height and width, got " + count
                    + " x " + height + " x " + width);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images are drawn from 1 (grey) or 3 (RGB) channels, got " + channels);
        }
        if (range == null) {
            throw new IllegalArgumentException("images need a stated pixel range");
        }
        long size = (long) count * channels * height * width;
        if (pixels.length != size) {
            throw new IllegalArgumentException(count + " images of " + channels + " x " + height + " x " + width
                    + " need " + size + " values, got " + pixels.length);
        }
    }

    /**
     * The colour {@code 0xRRGGBB} of pixel {@code (y, x)} of image {@code n}: each value scaled to
     * {@code 0..255} and rounded.
     *
     * @throws IllegalArgumentException when a value lies outside the stated range (normalised
     *                                  images must be drawn from their raw values)
     */
    public int rgb(int n, int y, int x) {
        int plane = height * width;
        int at = n * channels * plane + y * width + x;
        int red = tone(n, y, x, pixels[at]);
        if (channels == 1) {
            return Canvas.rgb(red, red, red);
        }
        return Canvas.rgb(red, tone(n, y, x, pixels[at + plane]), tone(n, y, x, pixels[at + 2 * plane]));
    }

    private int tone(int n, int y, int x, float v) {
        if (!(v >= 0 && v <= range.max())) {
            throw new IllegalArgumentException("image " + n + " has value " + v + " at pixel (" + y + ", " + x
                    + "), outside its stated range [0, " + (int) range.max() + "]");
        }
        return Math.round(v * (255 / range.max()));
    }
}
