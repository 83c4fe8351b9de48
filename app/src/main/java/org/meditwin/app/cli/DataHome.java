package org.meditwin.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Resolves the workstation data directory: {@code --home DIR}, else env {@code MEDITWIN_HOME}, else
 * system property {@code meditwin.home}, else {@code ~/.local/share/meditwin}.
 */
public final class DataHome {
  public static final String ENV = "MEDITWIN_HOME";
  public static final String PROPERTY = "meditwin.home";
  static final String OPTION = "--home";

  private DataHome() {}

  /** Resolution order as documented on the class; the result is absolute and normalised. */
  public static Path resolve(
      Optional<String> homeOption, Map<String, String> env, Properties properties) {
    String chosen =
        homeOption
            .filter(s -> !s.isBlank())
            .or(() -> Optional.ofNullable(env.get(ENV)).filter(s -> !s.isBlank()))
            .or(
                () ->
                    Optional.ofNullable(properties.getProperty(PROPERTY)).filter(s -> !s.isBlank()))
            .orElseGet(
                () ->
                    Path.of(properties.getProperty("user.home"), ".local", "share", "meditwin")
                        .toString());
    return Path.of(chosen).toAbsolutePath().normalize();
  }

  /** The value of a global {@code --home DIR} or {@code --home=DIR} in raw arguments. */
  public static Optional<String> homeOption(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals(OPTION) && i + 1 < args.size()) {
        return Optional.of(args.get(i + 1));
      }
      if (arg.startsWith(OPTION + "=")) {
        return Optional.of(arg.substring(OPTION.length() + 1));
      }
    }
    return Optional.empty();
  }

  /** The arguments without a global {@code --home} option: empty means "start the window". */
  public static List<String> withoutHomeOption(List<String> args) {
    java.util.ArrayList<String> rest = new java.util.ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals(OPTION) && i + 1 < args.size()) {
        i++;
      } else if (!arg.startsWith(OPTION + "=")) {
        rest.add(arg);
      }
    }
    return List.copyOf(rest);
  }
}
