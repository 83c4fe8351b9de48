package org.meditwin.app.common;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Every dialog a view model may open. The JavaFX implementation is {@link FxDialogService}; tests
 * pass a scripted fake, so view models are testable without a screen. Texts arrive translated.
 */
public interface DialogService {
  void showError(String title, String message);

  void showInfo(String title, String message);

  /** True when the user confirms. */
  boolean confirm(String title, String message);

  /** A file to write; empty when cancelled. */
  Optional<Path> chooseSaveFile(String title, String suggestedFileName);

  /** An existing file to read; empty when cancelled. */
  Optional<Path> chooseOpenFile(String title);

  /**
   * Asks for a password (twice when {@code confirm}); empty when cancelled. The caller owns and
   * clears the returned array. Checks that both entries match, nothing else.
   */
  Optional<char[]> askPassword(String title, String prompt, boolean confirm);

  /** Asks for one line of text; empty when cancelled. */
  Optional<String> askText(String title, String prompt, String initialValue);
}
