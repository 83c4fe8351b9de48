package org.meditwin.imaging.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Writes a {@link RenderedImage} as PNG (8-bit grey or 24-bit RGB). */
public final class PngWriter {
  private PngWriter() {}

  public static BufferedImage toBufferedImage(RenderedImage image) {
    int w = image.width();
    int h = image.height();
    int[] rgb = image.rgb();
    if (!image.color()) {
      BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      byte[] data = ((java.awt.image.DataBufferByte) b.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < rgb.length; i++) {
        data[i] = (byte) rgb[i];
      }
      return b;
    }
    BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    b.setRGB(0, 0, w, h, rgb, 0, w);
    return b;
  }

  public static void write(RenderedImage image, OutputStream out) throws IOException {
    if (!ImageIO.write(toBufferedImage(image), "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }

  /** Writes atomically (temp file in the same folder, then move). */
  public static void write(RenderedImage image, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".render-", ".png");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        write(image, out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
