package io.voipconfig.media.service;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.voipconfig.common.image.ImageHeader;

import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;

/**
 * Fits a wallpaper to a phone's screen with Thumbnailator: scaled to cover the screen, then cropped around the centre,
 * so the result has exactly the screen's dimensions without distortion. JPEG stays JPEG, everything else becomes PNG.
 * The same input gives the same bytes (no metadata with times), so phones see a stable MD5.
 *
 * <p>Guarded: the header's dimensions are read first and an image over {@code maxSide} pixels on a side is never
 * decoded ({@link UnusableImage}); one within it is decoded subsampled to about twice the screen's size, so what a
 * decode holds in memory depends on the screen, not on the upload.
 */
public final class WallpaperFitter {

    /** The fitted image and its content type. */
    public record Fitted(byte[] bytes, String contentType) {
    }

    /** An image that must not be decoded (too many pixels) or could not be; the caller remembers it. */
    public static final class UnusableImage extends IOException {

        public UnusableImage(String reason) {
            super(reason);
        }
    }

    private WallpaperFitter() {
    }

    /**
     * Empty when the bytes are not an image Java can read (the original is served as it is), or already have the
     * screen's size.
     */
    public static Optional<Fitted> fit(byte[] original, String contentType, int width, int height, int maxSide)
            throws UnusableImage {
        Optional<ImageHeader> header = ImageHeader.read(original);
        if (header.isEmpty() || header.get().width() == width && header.get().height() == height) {
            return Optional.empty();
        }
        if (!header.get().fits(maxSide)) {
            throw new UnusableImage("the image is " + header.get() + "; wallpapers are decoded up to " + maxSide
                    + " × " + maxSide + " pixels");
        }
        try {
            BufferedImage image = decode(original, subsampling(header.get(), width, height));
            boolean jpeg = "image/jpeg".equals(contentType);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thumbnails.of(image).size(width, height).crop(Positions.CENTER).outputFormat(jpeg ? "jpg" : "png")
                    .outputQuality(jpeg ? 0.9 : 1.0).toOutputStream(out);
            return Optional.of(new Fitted(out.toByteArray(), jpeg ? "image/jpeg" : "image/png"));
        } catch (IOException | RuntimeException e) {
            throw new UnusableImage("the image could not be decoded: " + e.getMessage());
        }
    }

    /** Every n-th pixel on both axes, keeping at least twice the screen's size for a sharp scale-down. */
    static int subsampling(ImageHeader header, int width, int height) {
        return Math.max(1, Math.min(header.width() / (2 * width), header.height() / (2 * height)));
    }

    private static BufferedImage decode(byte[] bytes, int step) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no reader");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }
}
