package org.meditwin.app.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.meditwin.app.common.DialogService;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.Workstation;
import org.meditwin.core.task.TaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's state: which screen shows (opening, unavailable, first start, login, main), the
 * signed-in session, lock state, selected pane and idle auto-lock.
 */
public final class ShellViewModel {
  /** What the window shows. */
  public enum Screen {
    OPENING,
    UNAVAILABLE,
    FIRST_START,
    LOGIN,
    MAIN
  }

  private static final Logger LOG = LoggerFactory.getLogger(ShellViewModel.class);

  private final Path dataDirectory;
  private final WorkstationOpener opener;
  private final Optional<DataRestorer> restorer;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final DialogService dialogs;
  private final IdleLockTimer idle;

  private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.OPENING);
  private final ReadOnlyObjectWrapper<Optional<UserSession>> session =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper unavailableMessage = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper restorable = new ReadOnlyBooleanWrapper(false);
  private final ObjectProperty<NavItem> selected = new SimpleObjectProperty<>(NavItem.PATIENTS);
  private Optional<Workstation> workstation = Optional.empty();

  public ShellViewModel(
      Path dataDirectory,
      WorkstationOpener opener,
      Optional<DataRestorer> restorer,
      TaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      DialogService dialogs,
      IdleLockTimer idle) {
    this.dataDirectory = Objects.requireNonNull(dataDirectory);
    this.opener = Objects.requireNonNull(opener);
    this.restorer = Objects.requireNonNull(restorer);
    this.tasks = Objects.requireNonNull(tasks);
    this.i18n = Objects.requireNonNull(i18n);
    this.errors = Objects.requireNonNull(errors);
    this.dialogs = Objects.requireNonNull(dialogs);
    this.idle = Objects.requireNonNull(idle);
  }

  public ReadOnlyObjectProperty<Screen> screenProperty() {
    return screen.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Optional<UserSession>> sessionProperty() {
    return session.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty lockedProperty() {
    return locked.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty unavailableMessageProperty() {
    return unavailableMessage.getReadOnlyProperty();
  }

  /** True when the data directory failed in a way a backup can repair. */
  public ReadOnlyBooleanProperty restorableProperty() {
    return restorable.getReadOnlyProperty();
  }

  public ObjectProperty<NavItem> selectedProperty() {
    return selected;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The open workstation (present on the first-start and login screens and after). */
  public Optional<Workstation> workstation() {
    return workstation;
  }

  /** Opens the data directory and shows first start or login. */
  public void open() {
    screen.set(Screen.OPENING);
    tasks
        .submit(i18n.get("task.open"), p -> opener.open(dataDirectory))
        .whenComplete(
            (ws, failure) -> {
              if (failure != null) {
                Throwable t = ErrorReporter.unwrap(failure);
                restorable.set(t instanceof StoreUnavailableException s && s.restorable());
                unavailableMessage.set(errors.message(t));
                screen.set(Screen.UNAVAILABLE);
                return;
              }
              workstation = Optional.of(ws);
              showSignIn();
            });
  }

  private void showSignIn() {
    boolean initialised;
    try {
      initialised = workstation.orElseThrow().isInitialised();
    } catch (RuntimeException e) {
      restorable.set(e instanceof StoreUnavailableException s && s.restorable());
      unavailableMessage.set(errors.message(e));
      screen.set(Screen.UNAVAILABLE);
      return;
    }
    screen.set(initialised ? Screen.LOGIN : Screen.FIRST_START);
  }

  /** A login or first start succeeded. */
  public void signedIn(UserSession newSession) {
    session.set(Optional.of(newSession));
    locked.set(false);
    selected.set(NavItem.PATIENTS);
    idle.activity();
    screen.set(Screen.MAIN);
  }

  /** Locks the session now: the view hides all patient data before the service call returns. */
  public void lock() {
    Optional<UserSession> s = session.get();
    if (s.isEmpty() || locked.get()) {
      return;
    }
    locked.set(true);
    tasks
        .submit(
            i18n.get("task.lock"),
            p -> {
              s.get().lock();
              return Boolean.TRUE;
            })
        .exceptionally(
            failure -> {
              errors.show(failure);
              return Boolean.FALSE;
            });
  }

  /** The lock screen verified the password. */
  public void unlocked() {
    locked.set(false);
    idle.activity();
  }

  /** Signs out (audited by the session) and returns to the login screen. */
  public void logout() {
    Optional<UserSession> s = session.get();
    session.set(Optional.empty());
    locked.set(false);
    if (s.isPresent()) {
      tasks
          .submit(
              i18n.get("task.logout"),
              p -> {
                s.get().close();
                return Boolean.TRUE;
              })
          .exceptionally(
              failure -> {
                LOG.warn("Closing the session failed: {}", failure.getClass().getName());
                return Boolean.FALSE;
              });
    }
    if (workstation.isPresent()) {
      showSignIn();
    } else {
      open();
    }
  }

  /** Keyboard or mouse input: postpones the idle lock. */
  public void userActivity() {
    idle.activity();
  }

  /** Called periodically by the view: locks after the idle timeout. */
  public void tick() {
    if (screen.get() == Screen.MAIN && !locked.get() && idle.isIdle()) {
      LOG.info("Locking the session after {} idle", idle.timeout());
      lock();
    }
  }

  public void setIdleTimeout(Duration timeout) {
    idle.setTimeout(timeout);
  }

  /**
   * Restores the data directory from an encrypted backup: explains, asks for the archive and its
   * password, closes the workstation, restores (the old directory is moved aside, never deleted)
   * and opens it again.
   */
  public void restoreFromBackup() {
    if (restorer.isEmpty()) {
      dialogs.showInfo(
          i18n.get("restore.title"), i18n.get("restore.cliOnly", "./run restore --in FILE"));
      return;
    }
    if (!dialogs.confirm(i18n.get("restore.title"), i18n.get("restore.explain"))) {
      return;
    }
    Optional<Path> archive = dialogs.chooseOpenFile(i18n.get("restore.chooseArchive"));
    if (archive.isEmpty()) {
      return;
    }
    Optional<char[]> password =
        dialogs.askPassword(i18n.get("restore.title"), i18n.get("restore.password"), false);
    if (password.isEmpty()) {
      return;
    }
    char[] pw = password.get();
    Optional<Workstation> old = workstation;
    workstation = Optional.empty();
    session.set(Optional.empty());
    screen.set(Screen.OPENING);
    tasks
        .submit(
            i18n.get("task.restore"),
            p -> {
              try {
                old.ifPresent(Workstation::close);
                return restorer.get().restore(archive.get(), pw, dataDirectory);
              } finally {
                Arrays.fill(pw, '\0');
              }
            })
        .whenComplete(
            (movedAside, failure) -> {
              if (failure != null) {
                errors.show(failure);
              } else {
                dialogs.showInfo(
                    i18n.get("restore.title"), i18n.get("restore.done", movedAside.toString()));
              }
              open();
            });
  }

  /** Closes the session and the workstation (application exit). */
  public void close() {
    session.get().ifPresent(UserSession::close);
    session.set(Optional.empty());
    workstation.ifPresent(Workstation::close);
    workstation = Optional.empty();
  }
}
