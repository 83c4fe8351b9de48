package org.meditwin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DataHomeTest {
  private static Properties properties(String... keyValues) {
    Properties p = new Properties();
    p.setProperty("user.home", "/home/alice");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void optionWinsOverEnvironmentAndProperty() {
    Path home =
        DataHome.resolve(
            Optional.of("/opt/a"),
            Map.of("MEDITWIN_HOME", "/opt/b"),
            properties("meditwin.home", "/opt/c"));
    assertThat(home).isEqualTo(Path.of("/opt/a"));
  }

  @Test
  void environmentWinsOverProperty() {
    Path home =
        DataHome.resolve(
            Optional.empty(),
            Map.of("MEDITWIN_HOME", "/opt/b"),
            properties("meditwin.home", "/opt/c"));
    assertThat(home).isEqualTo(Path.of("/opt/b"));
  }

  @Test
  void propertyWinsOverDefault() {
    assertThat(DataHome.resolve(Optional.empty(), Map.of(), properties("meditwin.home", "/opt/c")))
        .isEqualTo(Path.of("/opt/c"));
  }

  @Test
  void defaultsToXdgDataFolder() {
    assertThat(DataHome.resolve(Optional.empty(), Map.of("MEDITWIN_HOME", " "), properties()))
        .isEqualTo(Path.of("/home/alice/.local/share/meditwin"));
  }

  @Test
  void findsAndStripsTheGlobalHomeOption() {
    List<String> args = List.of("--home", "/x", "doctor", "--json");
    assertThat(DataHome.homeOption(args)).contains("/x");
    assertThat(DataHome.homeOption(List.of("--home=/y"))).contains("/y");
    assertThat(DataHome.withoutHomeOption(args)).containsExactly("doctor", "--json");
    assertThat(DataHome.withoutHomeOption(List.of("--home=/y"))).isEmpty();
    assertThat(DataHome.homeOption(List.of("--", "--home", "/z"))).isEmpty();
  }
}
