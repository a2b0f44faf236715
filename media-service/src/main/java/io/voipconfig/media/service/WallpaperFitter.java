package io.voipconfig.media.service;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

import javax.imageio.ImageIO;

import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;

/**
 * Fits a wallpaper to a phone's screen with Thumbnailator: scaled to cover the screen, then cropped around the centre,
 * so the result has exactly the screen's dimensions without distortion. JPEG stays JPEG, everything else becomes PNG.
 * The same input gives the same bytes (no metadata with times), so phones see a stable MD5.
 */
public final class WallpaperFitter {

    /** The fitted image and its content type. */
    public record Fitted(byte[] bytes, String contentType) {
    }

    private WallpaperFitter() {
    }

    /** Empty when the bytes are not an image Java can read, or already have the screen's size. */
    public static Optional<Fitted> fit(byte[] original, String contentType, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(original));
        if (image == null || image.getWidth() == width && image.getHeight() == height) {
            return Optional.empty();
        }
        boolean jpeg = "image/jpeg".equals(contentType);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thumbnails.of(image).size(width, height).crop(Positions.CENTER).outputFormat(jpeg ? "jpg" : "png")
                .outputQuality(jpeg ? 0.9 : 1.0).toOutputStream(out);
        return Optional.of(new Fitted(out.toByteArray(), jpeg ? "image/jpeg" : "image/png"));
    }
}
