package org.meditwin.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.fakes.InMemoryWorkstation;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.service.AuthenticationException;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.testsupport.MutableClock;

class AdminViewModelsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  private final InMemoryWorkstation ws = new InMemoryWorkstation(clock);
  private final I18n i18n = new I18n(Language.ENGLISH);
  private final ScriptedDialogs dialogs = new ScriptedDialogs();
  private final ErrorReporter errors = new ErrorReporter(dialogs, i18n);
  private UserSession admin;

  @BeforeEach
  void signIn() {
    ws.addUser("admin", Role.ADMINISTRATOR, "correct horse battery");
    admin = ws.login("admin", "correct horse battery".toCharArray());
  }

  private UsersViewModel users() {
    return new UsersViewModel(admin, TaskExecutor.sameThread(), i18n, errors, dialogs);
  }

  @Test
  void createsAUserWithTheChosenRoleAndListsThem() {
    UsersViewModel vm = users();
    vm.usernameProperty().set("anna");
    vm.displayNameProperty().set("Dr Anna");
    vm.roleProperty().set(Role.HEARING_CARE_PROFESSIONAL);
    vm.passwordProperty().set("anna's password");
    vm.confirmationProperty().set("anna's password");
    vm.create();
    assertThat(vm.statusProperty().get()).isEqualTo("User anna created.");
    assertThat(vm.users()).extracting(r -> r.account().username()).containsExactly("admin", "anna");
    assertThat(vm.users().get(1).account().role()).isEqualTo(Role.HEARING_CARE_PROFESSIONAL);
    assertThat(vm.users().get(1).pseudonym()).startsWith("u_");
    assertThat(ws.login("anna", "anna's password".toCharArray()).user().role())
        .isEqualTo(Role.HEARING_CARE_PROFESSIONAL);
  }

  @Test
  void createRejectsWeakPasswordAndDuplicateUsername() {
    UsersViewModel vm = users();
    vm.usernameProperty().set("anna");
    vm.displayNameProperty().set("Dr Anna");
    vm.passwordProperty().set("short");
    vm.confirmationProperty().set("short");
    vm.create();
    assertThat(vm.errorProperty().get()).isEqualTo("The password needs at least 10 characters.");

    vm.usernameProperty().set("admin");
    vm.passwordProperty().set("long enough pw");
    vm.confirmationProperty().set("long enough pw");
    vm.create();
    assertThat(vm.errorProperty().get()).isEqualTo("That username is taken.");
  }

  @Test
  void disableNeedsConfirmationAndCannotTargetSelf() {
    UserAccount bob = ws.addUser("bob", Role.CLINICIAN, "bob password 1");
    UsersViewModel vm = users();
    vm.refresh();
    vm.disable(admin.user());
    assertThat(vm.errorProperty().get()).isEqualTo("You cannot disable your own account.");

    dialogs.confirmations.push(false);
    vm.disable(bob);
    assertThat(vm.users().get(1).account().disabled()).isFalse();

    dialogs.confirmations.push(true);
    vm.disable(bob);
    assertThat(vm.users().get(1).account().disabled()).isTrue();
  }

  @Test
  void resetPasswordAppliesPolicyAndNewPasswordWorks() {
    UserAccount bob = ws.addUser("bob", Role.CLINICIAN, "bob password 1");
    UsersViewModel vm = users();
    dialogs.passwords.push(Optional.of("tiny".toCharArray()));
    vm.resetPassword(bob);
    assertThat(vm.errorProperty().get()).isEqualTo("The password needs at least 10 characters.");

    dialogs.passwords.push(Optional.of("bob's new password".toCharArray()));
    vm.resetPassword(bob);
    assertThat(vm.statusProperty().get()).isEqualTo("Password of bob reset.");
    assertThat(ws.login("bob", "bob's new password".toCharArray()).user().username())
        .isEqualTo("bob");
  }

  @Test
  void clearLockoutLetsTheUserTryAgain() {
    UserAccount bob = ws.addUser("bob", Role.CLINICIAN, "bob password 1");
    for (int i = 0; i < 3; i++) {
      try {
        ws.login("bob", "nope nope nope".toCharArray());
      } catch (AuthenticationException expected) {
        // counting towards lock-out
      }
    }
    users().clearLockout(bob);
    assertThat(ws.login("bob", "bob password 1".toCharArray()).user().id()).isEqualTo(bob.id());
  }

  @Test
  void auditShowsNewestFirstFiltersAndVerifies() {
    admin.lock();
    admin.unlock("correct horse battery".toCharArray());
    AuditViewModel vm =
        new AuditViewModel(admin, TaskExecutor.sameThread(), i18n, errors, ZoneOffset.UTC);
    vm.refresh();
    assertThat(vm.entries()).hasSize(3);
    assertThat(vm.entries().getFirst().seq()).isGreaterThan(vm.entries().getLast().seq());

    vm.actionProperty().set(Optional.of(AuditAction.LOGIN_SUCCESS));
    vm.refresh();
    assertThat(vm.entries()).allMatch(e -> e.action() == AuditAction.LOGIN_SUCCESS);

    vm.actionProperty().set(Optional.empty());
    vm.outcomeProperty().set(AuditViewModel.Outcome.FAILURE);
    vm.refresh();
    assertThat(vm.entries()).isEmpty();
    assertThat(vm.statusProperty().get()).isEqualTo("No entries, newest first");

    vm.verify();
    assertThat(vm.chainOkProperty().get()).isTrue();
    assertThat(vm.verificationProperty().get()).startsWith("Chain intact");

    ws.breakAuditChain();
    vm.verify();
    assertThat(vm.chainOkProperty().get()).isFalse();
    assertThat(vm.verificationProperty().get()).startsWith("Chain broken: entry 2");
  }

  @Test
  void auditRejectsAnInvertedDateRange() {
    AuditViewModel vm =
        new AuditViewModel(admin, TaskExecutor.sameThread(), i18n, errors, ZoneOffset.UTC);
    vm.fromProperty().set(LocalDate.of(2026, 3, 2));
    vm.toProperty().set(LocalDate.of(2026, 3, 1));
    assertThat(vm.filter()).isEmpty();
    assertThat(vm.statusProperty().get()).isEqualTo("The start date is after the end date.");

    vm.fromProperty().set(LocalDate.of(2026, 3, 1));
    assertThat(vm.filter().orElseThrow().to()).contains(Instant.parse("2026-03-02T00:00:00Z"));
  }

  @Test
  void backupNeedsFileAndMatchingPasswordThenWritesTheArchive() {
    BackupViewModel vm =
        new BackupViewModel(admin, TaskExecutor.sameThread(), i18n, errors, dialogs, clock);
    vm.backup();
    assertThat(vm.errorProperty().get()).isEqualTo("Choose where to save the archive.");

    dialogs.files.push(Optional.of(Path.of("/media/usb/b.mtbackup")));
    vm.chooseTarget();
    vm.passwordProperty().set("archive password");
    vm.confirmationProperty().set("archive passworD");
    vm.backup();
    assertThat(vm.errorProperty().get()).isEqualTo("The two passwords do not match.");

    vm.confirmationProperty().set("archive password");
    vm.passwordProperty().set("archive password");
    vm.backup();
    assertThat(vm.errorProperty().get()).isEmpty();
    assertThat(vm.statusProperty().get()).startsWith("Backup written to b.mtbackup");
    assertThat(ws.backups()).containsExactly(Path.of("/media/usb/b.mtbackup"));
  }

  @Test
  void nonAdministratorGetsAccessDeniedAsAMessage() {
    ws.addUser("anna", Role.CLINICIAN, "correct horse battery");
    UserSession anna = ws.login("anna", "correct horse battery".toCharArray());
    UsersViewModel vm = new UsersViewModel(anna, TaskExecutor.sameThread(), i18n, errors, dialogs);
    vm.refresh();
    assertThat(vm.errorProperty().get()).isEqualTo("Administrators only.");
  }
}
