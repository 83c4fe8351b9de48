package org.meditwin.imaging.render;

import java.util.Optional;
import java.util.OptionalInt;
import org.meditwin.imaging.VoiFunction;
import org.meditwin.imaging.Window;

/**
 * How a frame is turned into display values.
 *
 * @param window the window to apply; empty = the image's default (first header window, else its VOI
 *     LUT, else the frame's min-max)
 * @param function VOI function; empty = the header's (LINEAR unless it says otherwise)
 * @param useVoiLut apply the header's first VOI LUT instead of a window when no window is given
 * @param invert invert the output (after MONOCHROME1 handling)
 * @param overlays burn in the 60xx overlay planes (as dcmtk does by default)
 * @param voiLut apply the header's VOI LUT with this 0-based index, whatever the windows (dcm2pnm
 *     {@code +Wl n+1}); ignored for an index the image does not have
 */
public record RenderOptions(
    Optional<Window> window,
    Optional<VoiFunction> function,
    boolean useVoiLut,
    boolean invert,
    boolean overlays,
    OptionalInt voiLut) {

  public static RenderOptions defaults() {
    return new RenderOptions(
        Optional.empty(), Optional.empty(), true, false, true, OptionalInt.empty());
  }

  /** Renders through the image's {@code index}-th (0-based) VOI LUT. */
  public RenderOptions withVoiLut(int index) {
    return new RenderOptions(window, function, useVoiLut, invert, overlays, OptionalInt.of(index));
  }

  public RenderOptions withWindow(Window w) {
    return new RenderOptions(Optional.of(w), function, useVoiLut, invert, overlays, voiLut);
  }

  public RenderOptions withInvert(boolean inverted) {
    return new RenderOptions(window, function, useVoiLut, inverted, overlays, voiLut);
  }

  public RenderOptions withOverlays(boolean on) {
    return new RenderOptions(window, function, useVoiLut, invert, on, voiLut);
  }

  public RenderOptions withFunction(VoiFunction f) {
    return new RenderOptions(window, Optional.of(f), useVoiLut, invert, overlays, voiLut);
  }
}
