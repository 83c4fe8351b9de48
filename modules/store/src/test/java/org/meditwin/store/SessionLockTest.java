package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.ProfessionalId;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserId;
import org.meditwin.core.domain.VisitId;
import org.meditwin.core.service.AccessDeniedException;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.AuthenticationException;
import org.meditwin.core.service.UserSession;
import org.meditwin.testsupport.MutableClock;

class SessionLockTest {

  @TempDir Path dir;
  @TempDir Path elsewhere;
  final MutableClock clock = StoreFixture.clock();

  private static List<Executable> everyService(UserSession s, Path elsewhere) {
    return List.of(
        () -> s.patients().search("", 10),
        () -> s.patients().count(),
        () -> s.patients().find(PatientId.random()),
        () -> s.patients().create(StoreFixture.patient("Ann", "Lee")),
        () -> s.patients().delete(PatientId.random()),
        () -> s.professionals().list(true),
        () -> s.professionals().create("x", "y", "z", Optional.empty()),
        () -> s.visits().find(VisitId.random()),
        () -> s.visits().start(PatientId.random(), ProfessionalId.random(), ""),
        () -> s.audit().find(AuditLog.Filter.all(), 10),
        () -> s.audit().verify(),
        () -> s.audit().recordExport("patient", "x", "pdf"),
        () -> s.accounts().list(),
        () -> s.accounts().create("x", "", Role.CLINICIAN, "long-enough-pw".toCharArray()),
        () -> s.accounts().disable(UserId.random()),
        () -> s.backups().backup(elsewhere.resolve("x.mtb"), "archive-password".toCharArray()),
        () -> s.changePassword("admin-password-1".toCharArray(), "other-password".toCharArray()));
  }

  @Test
  void lockedSessionDeniesEveryServiceUntilUnlocked() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      s.lock();
      assertThat(s.isLocked()).isTrue();
      for (Executable call : everyService(s, elsewhere)) {
        assertThatThrownBy(call::execute).isInstanceOf(AccessDeniedException.class);
      }
      s.unlock(StoreFixture.ADMIN_PASSWORD.clone());
      assertThat(s.isLocked()).isFalse();
      assertThat(s.patients().count()).isZero();
      List<AuditAction> actions =
          s.audit().find(AuditLog.Filter.all(), 3).stream().map(AuditEvent::action).toList();
      assertThat(actions)
          .containsExactly(
              AuditAction.SESSION_UNLOCK, AuditAction.SESSION_LOCK, AuditAction.LOGIN_SUCCESS);
    }
  }

  @Test
  void unlockWithWrongPasswordStaysLockedAndIsAudited() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      s.lock();
      assertThatThrownBy(() -> s.unlock("wrong-password-1".toCharArray()))
          .isInstanceOfSatisfying(
              AuthenticationException.class,
              e ->
                  assertThat(e.reason())
                      .isEqualTo(AuthenticationException.Reason.WRONG_CREDENTIALS));
      assertThat(s.isLocked()).isTrue();
      s.unlock(StoreFixture.ADMIN_PASSWORD.clone());
      assertThat(s.audit().find(AuditLog.Filter.all(), 10))
          .extracting(AuditEvent::action)
          .contains(AuditAction.SESSION_UNLOCK_FAILURE);
    }
  }

  @Test
  void closedSessionDeniesEverything() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone());
      s.close();
      for (Executable call : everyService(s, elsewhere)) {
        assertThatThrownBy(call::execute).isInstanceOf(AccessDeniedException.class);
      }
      try (UserSession again = StoreFixture.adminSession(ws)) {
        assertThat(again.audit().find(AuditLog.Filter.all(), 2))
            .extracting(AuditEvent::action)
            .containsExactly(AuditAction.LOGIN_SUCCESS, AuditAction.LOGOUT);
      }
    }
  }
}
