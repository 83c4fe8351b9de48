import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws the MediTwin Workstation icon (an original design): a teal rounded tile with a white
 * medical cross whose centre holds two interlocking rings, the "twin". Run with the JDK's
 * single-file launcher: {@code java -Djava.awt.headless=true IconGenerator.java OUT.png [SIZE]}.
 */
public final class IconGenerator {
  public static void main(String[] args) throws IOException {
    File out = new File(args.length > 0 ? args[0] : "meditwin.png");
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    double s = size / 256.0;

    g.setPaint(new GradientPaint(0, 0, new Color(0x13, 0x8d, 0x90), 0, size, new Color(0x0b, 0x5a, 0x6e)));
    g.fill(new RoundRectangle2D.Double(8 * s, 8 * s, 240 * s, 240 * s, 56 * s, 56 * s));

    g.setColor(Color.WHITE);
    double arm = 64 * s;
    double length = 176 * s;
    double c = 128 * s;
    g.fill(new RoundRectangle2D.Double(c - arm / 2, c - length / 2, arm, length, 18 * s, 18 * s));
    g.fill(new RoundRectangle2D.Double(c - length / 2, c - arm / 2, length, arm, 18 * s, 18 * s));

    double r = 21 * s;
    g.setStroke(new BasicStroke((float) (8 * s)));
    g.setColor(new Color(0x13, 0x8d, 0x90));
    g.draw(new Ellipse2D.Double(c - 13 * s - r, c - r, 2 * r, 2 * r));
    g.setColor(new Color(0xe8, 0x5d, 0x4a));
    g.draw(new Ellipse2D.Double(c + 13 * s - r, c - r, 2 * r, 2 * r));
    g.dispose();
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer");
    }
  }
}
