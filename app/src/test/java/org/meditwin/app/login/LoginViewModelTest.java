package org.meditwin.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.fakes.InMemoryWorkstation;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.Workstation;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.testsupport.MutableClock;

class LoginViewModelTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  private final InMemoryWorkstation ws = new InMemoryWorkstation(clock);
  private final I18n i18n = new I18n(Language.ENGLISH);
  private final List<UserSession> signedIn = new ArrayList<>();

  private LoginViewModel vm(Workstation w) {
    return new LoginViewModel(
        w,
        TaskExecutor.sameThread(),
        i18n,
        new ErrorReporter(new ScriptedDialogs(), i18n),
        ZoneOffset.UTC,
        signedIn::add);
  }

  @Test
  void rejectsWrongPasswordWithAClearMessageAndStaysSignedOut() {
    ws.addUser("anna", Role.CLINICIAN, "correct horse battery");
    LoginViewModel vm = vm(ws);
    vm.usernameProperty().set("anna");
    vm.passwordProperty().set("wrong password!");
    vm.submit();
    assertThat(vm.errorProperty().get()).isEqualTo("Wrong username or password.");
    assertThat(vm.passwordProperty().get()).isEmpty();
    assertThat(signedIn).isEmpty();
    assertThat(vm.busyProperty().get()).isFalse();
  }

  @Test
  void unknownUserGetsTheSameMessageAsAWrongPassword() {
    LoginViewModel vm = vm(ws);
    vm.usernameProperty().set("nobody");
    vm.passwordProperty().set("whatever it is");
    vm.submit();
    assertThat(vm.errorProperty().get()).isEqualTo("Wrong username or password.");
  }

  @Test
  void lockedOutAccountSaysUntilWhen() {
    ws.addUser("anna", Role.CLINICIAN, "correct horse battery");
    LoginViewModel vm = vm(ws);
    for (int i = 0; i < 3; i++) {
      vm.usernameProperty().set("anna");
      vm.passwordProperty().set("wrong password!");
      vm.submit();
    }
    assertThat(vm.errorProperty().get())
        .startsWith("This account is locked after repeated failed attempts. Try again after ")
        .contains("2026")
        .contains("9:00:30");
  }

  @Test
  void disabledAccountIsExplained() {
    ws.addUser("admin", Role.ADMINISTRATOR, "correct horse battery");
    UserAccount bob = ws.addUser("bob", Role.CLINICIAN, "bob's password 1");
    ws.login("admin", "correct horse battery".toCharArray()).accounts().disable(bob.id());
    LoginViewModel vm = vm(ws);
    vm.usernameProperty().set("bob");
    vm.passwordProperty().set("bob's password 1");
    vm.submit();
    assertThat(vm.errorProperty().get()).contains("disabled");
  }

  @Test
  void emptyFieldsAreRejectedWithoutCallingTheWorkstation() {
    LoginViewModel vm = vm(ws);
    vm.submit();
    assertThat(vm.errorProperty().get()).isEqualTo("Enter your username and password.");
    assertThat(ws.auditEntries()).isEmpty();
  }

  @Test
  void correctPasswordSignsIn() {
    ws.addUser("anna", Role.CLINICIAN, "correct horse battery");
    LoginViewModel vm = vm(ws);
    vm.usernameProperty().set("  Anna ");
    vm.passwordProperty().set("correct horse battery");
    vm.submit();
    assertThat(signedIn).hasSize(1);
    assertThat(signedIn.getFirst().user().username()).isEqualTo("anna");
    assertThat(vm.errorProperty().get()).isEmpty();
  }

  @Test
  void corruptedDatabaseOffersRestore() {
    Workstation broken =
        new Workstation() {
          @Override
          public java.nio.file.Path dataDirectory() {
            return java.nio.file.Path.of("/x");
          }

          @Override
          public boolean isInitialised() {
            return true;
          }

          @Override
          public UserSession initialise(String a, String b, char[] c) {
            throw new IllegalStateException();
          }

          @Override
          public UserSession login(String username, char[] password) {
            throw new StoreUnavailableException(
                StoreUnavailableException.Kind.ROLLED_BACK, "The database was rolled back.", null);
          }

          @Override
          public void close() {}
        };
    LoginViewModel vm = vm(broken);
    vm.usernameProperty().set("anna");
    vm.passwordProperty().set("correct horse battery");
    vm.submit();
    assertThat(vm.restoreOfferedProperty().get()).isTrue();
    assertThat(vm.errorProperty().get()).startsWith("The database was rolled back.");
  }

  @Test
  void messagesFollowTheLanguage() {
    ws.addUser("anna", Role.CLINICIAN, "correct horse battery");
    i18n.setLanguage(Language.SPANISH);
    LoginViewModel vm = vm(ws);
    vm.usernameProperty().set("anna");
    vm.passwordProperty().set("wrong password!");
    vm.submit();
    assertThat(vm.errorProperty().get()).isEqualTo("Usuario o contraseña incorrectos.");
  }
}
