package io.voipconfig.testsupport.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Images for tests: real ones drawn here, and image bombs (small files whose header claims a huge image). */
public final class TestImages {

    private TestImages() {
    }

    /** A real image of one colour in {@code format} ("png", "jpeg", "gif", "bmp"). */
    public static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x1c, 0x7e, 0xd6));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A real 1 × 1 PNG whose header claims {@code width} × {@code height}, with a correct checksum: a few hundred bytes
     * that a decoder would try to turn into {@code width × height × 4} bytes.
     */
    public static byte[] pngClaiming(int width, int height) {
        byte[] png = image("png", 1, 1);
        // signature (8), IHDR length (4), "IHDR" (4), width (4), height (4) …; the CRC covers type and data (17 bytes).
        ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        return png;
    }
}
