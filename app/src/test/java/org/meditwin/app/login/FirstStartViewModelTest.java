package org.meditwin.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

class FirstStartViewModelTest {
  private final InMemoryWorkstation ws =
      new InMemoryWorkstation(new MutableClock(Instant.parse("2026-03-01T09:00:00Z")));
  private final I18n i18n = new I18n(Language.ENGLISH);
  private final List<UserSession> signedIn = new ArrayList<>();
  private final FirstStartViewModel vm =
      new FirstStartViewModel(
          ws,
          TaskExecutor.sameThread(),
          i18n,
          new ErrorReporter(new ScriptedDialogs(), i18n),
          signedIn::add);

  private void fill(String user, String name, String pw, String confirm) {
    vm.usernameProperty().set(user);
    vm.displayNameProperty().set(name);
    vm.passwordProperty().set(pw);
    vm.confirmationProperty().set(confirm);
  }

  @Test
  void rejectsShortPasswordUsingThePolicy() {
    fill("admin", "Dr Admin", "short", "short");
    vm.submit();
    assertThat(vm.errorProperty().get()).isEqualTo("The password needs at least 10 characters.");
    assertThat(ws.isInitialised()).isFalse();
  }

  @Test
  void rejectsMismatchedConfirmation() {
    fill("admin", "Dr Admin", "correct horse battery", "correct horse batterY");
    vm.submit();
    assertThat(vm.errorProperty().get()).isEqualTo("The two passwords do not match.");
  }

  @Test
  void rejectsMissingUsernameOrDisplayNameAndOddUsernames() {
    fill("", "Dr Admin", "correct horse battery", "correct horse battery");
    assertThat(vm.validate()).contains("Enter a username.");
    fill("a b", "Dr Admin", "correct horse battery", "correct horse battery");
    assertThat(vm.validate().orElseThrow()).startsWith("Usernames are");
    fill("admin", " ", "correct horse battery", "correct horse battery");
    assertThat(vm.validate()).contains("Enter a display name.");
  }

  @Test
  void createsTheAdministratorAndSignsIn() {
    fill("admin", "Dr Admin", "correct horse battery", "correct horse battery");
    vm.submit();
    assertThat(signedIn).hasSize(1);
    assertThat(signedIn.getFirst().user().role()).isEqualTo(Role.ADMINISTRATOR);
    assertThat(vm.passwordProperty().get()).isEmpty();
    assertThat(vm.confirmationProperty().get()).isEmpty();
  }

  @Test
  void serviceFailureIsShownInline() {
    ws.addUser("someone", Role.ADMINISTRATOR, "correct horse battery");
    fill("admin", "Dr Admin", "correct horse battery", "correct horse battery");
    vm.submit();
    assertThat(signedIn).isEmpty();
    assertThat(vm.errorProperty().get()).isEqualTo(i18n.get("firstStart.alreadyInitialised"));
  }
}
