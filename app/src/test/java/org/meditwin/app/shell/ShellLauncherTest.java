package org.meditwin.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShellLauncherTest {
  @Test
  void homeOptionResolvedByMainWinsOverTheEnvironment() {
    assertThat(ShellLauncher.dataDirectory("/env/home", "/from/option"))
        .isEqualTo(Path.of("/from/option"));
  }

  @Test
  void environmentIsUsedWhenNoPropertyIsSet() {
    assertThat(ShellLauncher.dataDirectory("/env/home", null)).isEqualTo(Path.of("/env/home"));
  }

  @Test
  void defaultsToTheXdgDataDirectory() {
    assertThat(ShellLauncher.dataDirectory(" ", ""))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "share", "meditwin"));
  }
}
