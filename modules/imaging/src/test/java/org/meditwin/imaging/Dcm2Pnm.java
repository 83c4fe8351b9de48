package org.meditwin.imaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.meditwin.imaging.render.RenderedImage;

/** Runs Debian dcmtk's dcm2pnm and reads its binary PGM/PPM output. */
public final class Dcm2Pnm {
  private Dcm2Pnm() {}

  public static Path executable() {
    Path p = Path.of("/usr/bin/dcm2pnm");
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(
          "dcm2pnm is missing: install Debian's dcmtk (listed in modules/imaging/apt-packages)");
    }
    return p;
  }

  /**
   * Renders frame {@code frame} (0-based) of {@code file} into {@code out} with {@code options}.
   */
  public static RenderedImage render(Path file, int frame, Path out, List<String> options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable().toString());
    command.add("--frame");
    command.add(Integer.toString(frame + 1));
    command.addAll(options);
    command.add(file.toString());
    command.add(out.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(out)) {
      throw new IOException("dcm2pnm failed: " + log.strip());
    }
    return readPnm(out);
  }

  static RenderedImage readPnm(Path file) throws IOException {
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      String magic = token(in);
      int w = Integer.parseInt(token(in));
      int h = Integer.parseInt(token(in));
      int max = Integer.parseInt(token(in));
      if (max != 255) {
        throw new IOException("unexpected maxval " + max);
      }
      boolean color = magic.equals("P6");
      int[] rgb = new int[w * h];
      for (int i = 0; i < w * h; i++) {
        if (color) {
          rgb[i] = in.read() << 16 | in.read() << 8 | in.read();
        } else {
          rgb[i] = in.read() * 0x010101;
        }
      }
      return new RenderedImage(w, h, color, rgb);
    }
  }

  private static String token(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '#') {
        while ((c = in.read()) >= 0 && c != '\n') {
          // comment
        }
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (!sb.isEmpty()) {
          break;
        }
        continue;
      }
      sb.append((char) c);
    }
    return sb.toString();
  }
}
