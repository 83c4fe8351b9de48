package org.meditwin.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.i18n.Language;
import org.meditwin.app.theme.Theme;

class SettingsViewModelTest {
  @TempDir Path dir;

  @Test
  void defaultsWhenNoFileExists() {
    assertThat(new SettingsFile(dir).load()).isEqualTo(UiPreferences.defaults());
    assertThat(UiPreferences.defaults().idleLockMinutes()).isEqualTo(10);
  }

  @Test
  void changesPersistAcrossInstances() {
    SettingsViewModel vm = new SettingsViewModel(new SettingsFile(dir));
    vm.setLanguage(Language.HINDI);
    vm.toggleTheme();
    assertThat(vm.setIdleLockMinutes(" 25 ")).isEmpty();

    UiPreferences reloaded = new SettingsViewModel(new SettingsFile(dir)).preferences();
    assertThat(reloaded).isEqualTo(new UiPreferences(Language.HINDI, Theme.DARK, 25));
  }

  @Test
  void rejectsIdleMinutesOutOfRangeOrNotANumber() {
    SettingsViewModel vm = new SettingsViewModel(new SettingsFile(dir));
    assertThat(vm.setIdleLockMinutes("0")).contains("settings.idle.invalid");
    assertThat(vm.setIdleLockMinutes("121")).contains("settings.idle.invalid");
    assertThat(vm.setIdleLockMinutes("ten")).contains("settings.idle.invalid");
    assertThat(vm.preferences().idleLockMinutes()).isEqualTo(10);
  }

  @Test
  void corruptFileFallsBackToDefaultsPerValue() throws Exception {
    Files.writeString(
        dir.resolve(SettingsFile.FILE_NAME),
        "ui.language=xx\nui.theme=DARK\nui.idleLockMinutes=-3\n");
    UiPreferences p = new SettingsFile(dir).load();
    assertThat(p).isEqualTo(new UiPreferences(Language.ENGLISH, Theme.DARK, 10));
  }

  @Test
  void listenersSeeEveryChange() {
    SettingsViewModel vm = new SettingsViewModel(new SettingsFile(dir));
    java.util.List<UiPreferences> seen = new java.util.ArrayList<>();
    vm.preferencesProperty().addListener((o, a, b) -> seen.add(b));
    vm.setTheme(Theme.DARK);
    vm.setTheme(Theme.DARK);
    vm.setLanguage(Language.CHINESE);
    assertThat(seen).hasSize(2);
    assertThat(seen.getLast().language()).isEqualTo(Language.CHINESE);
  }
}
