package org.meditwin.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.fakes.InMemoryWorkstation;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.app.shell.ShellViewModel.Screen;
import org.meditwin.core.domain.Role;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.testsupport.MutableClock;

class ShellViewModelTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  private final InMemoryWorkstation ws = new InMemoryWorkstation(clock);
  private final I18n i18n = new I18n(Language.ENGLISH);
  private final ScriptedDialogs dialogs = new ScriptedDialogs();

  private ShellViewModel shell(WorkstationOpener opener, Optional<DataRestorer> restorer) {
    return new ShellViewModel(
        Path.of("/tmp/x"),
        opener,
        restorer,
        TaskExecutor.sameThread(),
        i18n,
        new ErrorReporter(dialogs, i18n),
        dialogs,
        new IdleLockTimer(clock, Duration.ofMinutes(10)));
  }

  @Test
  void freshDataDirectoryShowsFirstStartThenLoginOnceInitialised() {
    ShellViewModel vm = shell(d -> ws, Optional.empty());
    vm.open();
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.FIRST_START);
    ws.addUser("admin", Role.ADMINISTRATOR, "correct horse battery");
    vm.open();
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.LOGIN);
  }

  @Test
  void idleSessionLocksAfterTheTimeoutAndUnlockResetsIt() {
    ws.addUser("admin", Role.ADMINISTRATOR, "correct horse battery");
    ShellViewModel vm = shell(d -> ws, Optional.empty());
    vm.open();
    UserSession s = ws.login("admin", "correct horse battery".toCharArray());
    vm.signedIn(s);
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.MAIN);

    clock.advance(Duration.ofMinutes(9));
    vm.tick();
    assertThat(vm.lockedProperty().get()).isFalse();
    vm.userActivity();
    clock.advance(Duration.ofMinutes(9));
    vm.tick();
    assertThat(vm.lockedProperty().get()).isFalse();
    clock.advance(Duration.ofMinutes(1));
    vm.tick();
    assertThat(vm.lockedProperty().get()).isTrue();
    assertThat(s.isLocked()).isTrue();

    s.unlock("correct horse battery".toCharArray());
    vm.unlocked();
    vm.tick();
    assertThat(vm.lockedProperty().get()).isFalse();
  }

  @Test
  void shorterIdleTimeoutFromSettingsApplies() {
    ws.addUser("admin", Role.ADMINISTRATOR, "correct horse battery");
    ShellViewModel vm = shell(d -> ws, Optional.empty());
    vm.open();
    vm.signedIn(ws.login("admin", "correct horse battery".toCharArray()));
    vm.setIdleTimeout(Duration.ofMinutes(1));
    clock.advance(Duration.ofSeconds(61));
    vm.tick();
    assertThat(vm.lockedProperty().get()).isTrue();
  }

  @Test
  void logoutClosesTheSessionAndReturnsToLogin() {
    ws.addUser("admin", Role.ADMINISTRATOR, "correct horse battery");
    ShellViewModel vm = shell(d -> ws, Optional.empty());
    vm.open();
    UserSession s = ws.login("admin", "correct horse battery".toCharArray());
    vm.signedIn(s);
    vm.logout();
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.LOGIN);
    assertThat(vm.sessionProperty().get()).isEmpty();
    assertThat(ws.auditEntries().getLast().action().name()).isEqualTo("LOGOUT");
  }

  @Test
  void corruptedStoreShowsTheMessageAndOffersRestore() {
    ShellViewModel vm =
        shell(
            d -> {
              throw new StoreUnavailableException(
                  StoreUnavailableException.Kind.CORRUPTED, "The database file is damaged.", null);
            },
            Optional.empty());
    vm.open();
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.UNAVAILABLE);
    assertThat(vm.unavailableMessageProperty().get()).isEqualTo("The database file is damaged.");
    assertThat(vm.restorableProperty().get()).isTrue();

    vm.restoreFromBackup();
    assertThat(dialogs.infos.getLast()).contains("./run restore --in FILE");
  }

  @Test
  void directoryInUseIsNotOfferedARestore() {
    ShellViewModel vm =
        shell(
            d -> {
              throw new StoreUnavailableException(
                  StoreUnavailableException.Kind.IN_USE, "Another MediTwin uses it.", null);
            },
            Optional.empty());
    vm.open();
    assertThat(vm.restorableProperty().get()).isFalse();
  }

  @Test
  void restoreAsksArchiveAndPasswordThenReopens() {
    Path[] restored = new Path[1];
    String[] password = new String[1];
    DataRestorer restorer =
        (archive, pw, dir) -> {
          restored[0] = archive;
          password[0] = new String(pw);
          return Path.of("/tmp/x.before-restore");
        };
    int[] opens = {0};
    ShellViewModel vm =
        shell(
            d -> {
              opens[0]++;
              return ws;
            },
            Optional.of(restorer));
    vm.open();
    dialogs.confirmations.push(true);
    dialogs.files.push(Optional.of(Path.of("/backups/a.mtbackup")));
    dialogs.passwords.push(Optional.of("archive password".toCharArray()));
    vm.restoreFromBackup();
    assertThat(restored[0]).isEqualTo(Path.of("/backups/a.mtbackup"));
    assertThat(password[0]).isEqualTo("archive password");
    assertThat(dialogs.infos.getLast()).contains("/tmp/x.before-restore");
    assertThat(opens[0]).isEqualTo(2);
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.FIRST_START);
  }

  @Test
  void cancellingTheRestoreChangesNothing() {
    int[] calls = {0};
    ShellViewModel vm =
        shell(
            d -> ws,
            Optional.of(
                (a, p, d) -> {
                  calls[0]++;
                  return d;
                }));
    vm.open();
    dialogs.confirmations.push(true);
    dialogs.files.push(Optional.empty());
    vm.restoreFromBackup();
    assertThat(calls[0]).isZero();
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.FIRST_START);
  }
}
