package org.meditwin.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.fakes.InMemoryWorkstation;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.domain.Role;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.testsupport.MutableClock;

class LockViewModelTest {
  private final InMemoryWorkstation ws =
      new InMemoryWorkstation(new MutableClock(Instant.parse("2026-03-01T09:00:00Z")));
  private final I18n i18n = new I18n(Language.ENGLISH);

  @Test
  void wrongPasswordKeepsTheSessionLockedRightPasswordUnlocks() {
    ws.addUser("anna", Role.CLINICIAN, "correct horse battery");
    UserSession s = ws.login("anna", "correct horse battery".toCharArray());
    s.lock();
    int[] unlocked = {0};
    LockViewModel vm =
        new LockViewModel(
            s,
            TaskExecutor.sameThread(),
            i18n,
            new ErrorReporter(new ScriptedDialogs(), i18n),
            ZoneOffset.UTC,
            () -> unlocked[0]++);
    assertThat(vm.username()).isEqualTo("anna");

    vm.passwordProperty().set("not the password");
    vm.unlock();
    assertThat(vm.errorProperty().get()).isEqualTo("Wrong password.");
    assertThat(s.isLocked()).isTrue();
    assertThat(unlocked[0]).isZero();

    vm.passwordProperty().set("correct horse battery");
    vm.unlock();
    assertThat(s.isLocked()).isFalse();
    assertThat(unlocked[0]).isEqualTo(1);
    assertThat(vm.errorProperty().get()).isEmpty();
  }

  @Test
  void emptyPasswordIsRejectedLocally() {
    ws.addUser("anna", Role.CLINICIAN, "correct horse battery");
    UserSession s = ws.login("anna", "correct horse battery".toCharArray());
    s.lock();
    LockViewModel vm =
        new LockViewModel(
            s,
            TaskExecutor.sameThread(),
            i18n,
            new ErrorReporter(new ScriptedDialogs(), i18n),
            ZoneOffset.UTC,
            () -> {});
    vm.unlock();
    assertThat(vm.errorProperty().get()).isEqualTo("Enter your password.");
  }
}
