package org.meditwin.app.fakes;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.meditwin.app.common.DialogService;

/** Test {@link DialogService}: answers from queues and records what was shown. */
public final class ScriptedDialogs implements DialogService {
  public final List<String> errors = new ArrayList<>();
  public final List<String> infos = new ArrayList<>();
  public final Deque<Boolean> confirmations = new ArrayDeque<>();
  public final Deque<Optional<Path>> files = new ArrayDeque<>();
  public final Deque<Optional<char[]>> passwords = new ArrayDeque<>();
  public final Deque<Optional<String>> texts = new ArrayDeque<>();

  @Override
  public void showError(String title, String message) {
    errors.add(message);
  }

  @Override
  public void showInfo(String title, String message) {
    infos.add(message);
  }

  @Override
  public boolean confirm(String title, String message) {
    return confirmations.isEmpty() ? false : confirmations.pop();
  }

  @Override
  public Optional<Path> chooseSaveFile(String title, String suggestedFileName) {
    return files.isEmpty() ? Optional.empty() : files.pop();
  }

  @Override
  public Optional<Path> chooseOpenFile(String title) {
    return files.isEmpty() ? Optional.empty() : files.pop();
  }

  @Override
  public Optional<char[]> askPassword(String title, String prompt, boolean confirm) {
    return passwords.isEmpty() ? Optional.empty() : passwords.pop();
  }

  @Override
  public Optional<String> askText(String title, String prompt, String initialValue) {
    return texts.isEmpty() ? Optional.empty() : texts.pop();
  }
}
