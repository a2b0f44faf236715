package io.voipconfig.common.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image's dimensions as its header states them, read without decoding a pixel. A few hundred bytes can claim
 * 20,000 × 20,000 pixels (1.6 GB once decoded): every decoder in the services asks this first and refuses what is over
 * its limit, so such a file costs nothing but the header read.
 */
public record ImageHeader(int width, int height) {

    /** The dimensions, or empty when no image reader of the JDK recognises the bytes or the header is unreadable. */
    public static Optional<ImageHeader> read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return Optional.of(new ImageHeader(reader.getWidth(0), reader.getHeight(0)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Within {@code maxSide} pixels on each side? */
    public boolean fits(int maxSide) {
        return width <= maxSide && height <= maxSide;
    }

    @Override
    public String toString() {
        return width + " × " + height + " pixels";
    }
}
