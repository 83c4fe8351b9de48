package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.service.AccessDeniedException;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.AuthenticationException;
import org.meditwin.core.service.UserSession;
import org.meditwin.testsupport.MutableClock;

class AccountAdministrationTest {

  static final char[] CLINICIAN_PASSWORD = "clinician-pass-1".toCharArray();
  @TempDir Path dir;
  @TempDir Path elsewhere;
  final MutableClock clock = StoreFixture.clock();

  private UserAccount createClinician(UserSession admin) {
    return admin.accounts().create("Dr.Who", "Dr Who", Role.CLINICIAN, CLINICIAN_PASSWORD.clone());
  }

  @Test
  void administratorCreatesAClinicianWhoCanUsePatients() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      Patient p;
      try (UserSession admin = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
        UserAccount doc = createClinician(admin);
        assertThat(doc.username()).isEqualTo("dr.who");
        assertThat(admin.accounts().list())
            .extracting(UserAccount::username)
            .containsExactly("admin", "dr.who");
        p = admin.patients().create(StoreFixture.patient("Ann", "Lee"));
        AuditEvent created =
            admin.audit().find(AuditLog.Filter.all(), 10).stream()
                .filter(e -> e.action() == AuditAction.USER_CREATE)
                .findFirst()
                .orElseThrow();
        assertThat(created.targetId()).isEqualTo(doc.id().value());
        assertThat(created.detail()).isEqualTo("role=CLINICIAN");
      }
      try (UserSession doc = ws.login("DR.WHO", CLINICIAN_PASSWORD.clone())) {
        assertThat(doc.user().role()).isEqualTo(Role.CLINICIAN);
        assertThat(doc.patients().find(p.id())).isPresent();
      }
    }
  }

  @Test
  void nonAdministratorsAreDeniedAccountAndBackupOperations() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      try (UserSession admin = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
        admin
            .accounts()
            .create("hcp", "", Role.HEARING_CARE_PROFESSIONAL, CLINICIAN_PASSWORD.clone());
      }
      try (UserSession hcp = ws.login("hcp", CLINICIAN_PASSWORD.clone())) {
        assertThatThrownBy(() -> hcp.accounts().list()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(
                () ->
                    hcp.accounts().create("x", "", Role.ADMINISTRATOR, CLINICIAN_PASSWORD.clone()))
            .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(
                () -> hcp.accounts().resetPassword(hcp.user().id(), CLINICIAN_PASSWORD.clone()))
            .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(
                () ->
                    hcp.backups()
                        .backup(elsewhere.resolve("b.mtb"), "archive-password".toCharArray()))
            .isInstanceOf(AccessDeniedException.class);
        assertThat(elsewhere.resolve("b.mtb")).doesNotExist();
        assertThat(hcp.patients().count()).isZero();
      }
    }
  }

  @Test
  void adminResetKeepsDataReadableWithTheNewPassword() {
    char[] newPassword = "brand-new-password".toCharArray();
    Patient p;
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      UserAccount doc;
      try (UserSession admin = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
        doc = createClinician(admin);
        p = admin.patients().create(StoreFixture.patient("Ann", "Lee"));
        admin.accounts().resetPassword(doc.id(), newPassword.clone());
      }
      assertThatThrownBy(() -> ws.login("dr.who", CLINICIAN_PASSWORD.clone()))
          .isInstanceOf(AuthenticationException.class);
    }
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession doc = ws.login("dr.who", newPassword.clone())) {
      assertThat(doc.patients().find(p.id())).contains(p);
    }
  }

  @Test
  void disabledUserCannotLogInUntilReenabledWithANewPassword() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      UserAccount doc;
      try (UserSession admin = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
        doc = createClinician(admin);
        admin.accounts().disable(doc.id());
        assertThat(admin.accounts().list())
            .filteredOn(UserAccount::disabled)
            .extracting(UserAccount::id)
            .containsExactly(doc.id());
      }
      assertThatThrownBy(() -> ws.login("dr.who", CLINICIAN_PASSWORD.clone()))
          .isInstanceOf(AuthenticationException.class);
      try (UserSession admin = StoreFixture.adminSession(ws)) {
        admin.accounts().enable(doc.id(), "second-password-2".toCharArray());
        List<AuditAction> actions =
            admin.audit().find(AuditLog.Filter.all(), 20).stream().map(AuditEvent::action).toList();
        assertThat(actions)
            .contains(AuditAction.USER_DISABLE, AuditAction.USER_ENABLE, AuditAction.LOGIN_FAILURE);
      }
      try (UserSession again = ws.login("dr.who", "second-password-2".toCharArray())) {
        assertThat(again.user().disabled()).isFalse();
      }
    }
  }

  @Test
  void disablingEndsTheUsersOpenSession() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession admin = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      UserAccount doc = createClinician(admin);
      UserSession docSession = ws.login("dr.who", CLINICIAN_PASSWORD.clone());
      admin.accounts().disable(doc.id());
      assertThatThrownBy(() -> docSession.patients().count())
          .isInstanceOf(AccessDeniedException.class);
      assertThat(admin.patients().count()).isZero();
    }
  }

  @Test
  void usersCannotDisableThemselvesNorTheLastAdministrator() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession admin = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      assertThatThrownBy(() -> admin.accounts().disable(admin.user().id()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("your own");
      UserAccount second =
          admin.accounts().create("root2", "", Role.ADMINISTRATOR, CLINICIAN_PASSWORD.clone());
      try (UserSession other = ws.login("root2", CLINICIAN_PASSWORD.clone())) {
        other.accounts().disable(admin.user().id());
        assertThat(other.accounts().list())
            .filteredOn(u -> !u.disabled())
            .extracting(UserAccount::id)
            .containsExactly(second.id());
      }
      assertThat(admin.isLocked()).isFalse();
    }
  }

  @Test
  void duplicateUsernamesAndWeakPasswordsAreRejected() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession admin = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      createClinician(admin);
      assertThatThrownBy(
              () ->
                  admin.accounts().create("DR.WHO", "", Role.CLINICIAN, CLINICIAN_PASSWORD.clone()))
          .hasMessageContaining("already taken");
      assertThatThrownBy(
              () -> admin.accounts().create("newbie", "", Role.CLINICIAN, "short".toCharArray()))
          .hasMessageContaining("at least 10");
      assertThatThrownBy(
              () ->
                  admin
                      .accounts()
                      .create("has space", "", Role.CLINICIAN, CLINICIAN_PASSWORD.clone()))
          .hasMessageContaining("no spaces");
      assertThat(admin.accounts().list()).hasSize(2);
    }
  }

  @Test
  void clearLockoutLetsALockedOutUserBackIn() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      UserAccount doc;
      try (UserSession admin = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
        doc = createClinician(admin);
      }
      for (int i = 0; i < 5; i++) {
        try {
          ws.login("dr.who", "wrong-password-x".toCharArray());
        } catch (AuthenticationException expected) {
          // counting towards the lock-out
        }
      }
      assertThatThrownBy(() -> ws.login("dr.who", CLINICIAN_PASSWORD.clone()))
          .isInstanceOfSatisfying(
              AuthenticationException.class,
              e -> assertThat(e.reason()).isEqualTo(AuthenticationException.Reason.LOCKED_OUT));
      try (UserSession admin = StoreFixture.adminSession(ws)) {
        admin.accounts().clearLockout(doc.id());
      }
      ws.login("dr.who", CLINICIAN_PASSWORD.clone()).close();
    }
  }

  @Test
  void changePasswordNeedsTheCurrentPassword() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      try (UserSession admin = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
        assertThatThrownBy(
                () ->
                    admin.changePassword(
                        "not-the-password".toCharArray(), "next-password-1".toCharArray()))
            .isInstanceOf(AuthenticationException.class);
        admin.changePassword(StoreFixture.ADMIN_PASSWORD.clone(), "next-password-1".toCharArray());
      }
      assertThatThrownBy(() -> StoreFixture.adminSession(ws))
          .isInstanceOf(AuthenticationException.class);
      try (UserSession admin = ws.login("admin", "next-password-1".toCharArray())) {
        assertThat(admin.audit().find(AuditLog.Filter.all(), 50))
            .filteredOn(e -> e.action() == AuditAction.USER_PASSWORD_CHANGE)
            .extracting(AuditEvent::success)
            .containsExactly(true, false);
      }
    }
  }
}
