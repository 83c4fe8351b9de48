package org.meditwin.app.shell;

import java.util.Objects;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application; started by {@link ShellLauncher}. */
public final class MediTwinApp extends Application {
  private static volatile ShellConfig config;
  private ShellView shell;

  static void configure(ShellConfig shellConfig) {
    config = Objects.requireNonNull(shellConfig);
  }

  @Override
  public void start(Stage stage) {
    shell =
        ShellView.show(stage, Objects.requireNonNull(config, "ShellLauncher configures the app"));
  }

  @Override
  public void stop() {
    if (shell != null) {
      shell.close();
    }
  }
}
