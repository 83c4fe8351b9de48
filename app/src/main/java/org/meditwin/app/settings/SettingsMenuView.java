package org.meditwin.app.settings;

import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.meditwin.app.common.DialogService;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.app.theme.Theme;

/** The settings menu of the top bar: language, dark theme, idle auto-lock minutes. */
public final class SettingsMenuView {
  private final Menu menu;

  public SettingsMenuView(SettingsViewModel vm, I18n i18n, DialogService dialogs) {
    menu = new Menu(i18n.get("settings.menu"));
    menu.setId("settings-menu");

    Menu language = new Menu(i18n.get("settings.language"));
    language.setId("settings-language");
    ToggleGroup group = new ToggleGroup();
    for (Language l : Language.values()) {
      RadioMenuItem item = new RadioMenuItem(l.nativeName());
      item.setMnemonicParsing(false);
      item.setId("settings-language-" + l.tag());
      item.setToggleGroup(group);
      item.setSelected(vm.preferences().language() == l);
      item.setOnAction(e -> vm.setLanguage(l));
      language.getItems().add(item);
    }

    CheckMenuItem dark = new CheckMenuItem(i18n.get("settings.darkTheme"));
    dark.setId("settings-dark");
    dark.setSelected(vm.preferences().theme() == Theme.DARK);
    dark.setAccelerator(
        new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
    dark.setOnAction(e -> vm.setTheme(dark.isSelected() ? Theme.DARK : Theme.LIGHT));
    vm.preferencesProperty().addListener((o, a, b) -> dark.setSelected(b.theme() == Theme.DARK));

    MenuItem idle = new MenuItem(i18n.get("settings.idle", vm.preferences().idleLockMinutes()));
    idle.setId("settings-idle");
    idle.setOnAction(
        e ->
            dialogs
                .askText(
                    i18n.get("settings.idle.title"),
                    i18n.get(
                        "settings.idle.prompt",
                        UiPreferences.MIN_IDLE_MINUTES,
                        UiPreferences.MAX_IDLE_MINUTES),
                    Integer.toString(vm.preferences().idleLockMinutes()))
                .ifPresent(
                    text ->
                        vm.setIdleLockMinutes(text)
                            .ifPresent(
                                problem ->
                                    dialogs.showError(
                                        i18n.get("settings.idle.title"),
                                        i18n.get(
                                            problem,
                                            UiPreferences.MIN_IDLE_MINUTES,
                                            UiPreferences.MAX_IDLE_MINUTES)))));
    vm.preferencesProperty()
        .addListener((o, a, b) -> idle.setText(i18n.get("settings.idle", b.idleLockMinutes())));

    menu.getItems().addAll(language, dark, new SeparatorMenuItem(), idle);
  }

  public Menu menu() {
    return menu;
  }
}
