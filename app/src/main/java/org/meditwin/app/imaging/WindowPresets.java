package org.meditwin.app.imaging;

import java.util.List;
import java.util.Locale;
import org.meditwin.imaging.Window;

/** Common window presets per modality (centre/width in modality units, e.g. HU for CT). */
final class WindowPresets {
  private WindowPresets() {}

  static List<Window> forModality(String modality) {
    return switch (modality.toUpperCase(Locale.ROOT)) {
      case "CT" ->
          List.of(
              new Window(40, 80, "Brain"),
              new Window(75, 215, "Subdural"),
              new Window(-600, 1500, "Lung"),
              new Window(50, 350, "Mediastinum"),
              new Window(40, 400, "Abdomen"),
              new Window(60, 160, "Liver"),
              new Window(400, 1800, "Bone"));
      case "PT", "NM" -> List.of(new Window(2.5, 5, "SUV 0-5"));
      default -> List.of();
    };
  }
}
