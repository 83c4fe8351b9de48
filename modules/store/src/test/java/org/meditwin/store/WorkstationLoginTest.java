package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.Role;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.AuthenticationException;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.core.service.UserSession;
import org.meditwin.security.LockoutPolicy;
import org.meditwin.testsupport.MutableClock;

class WorkstationLoginTest {

  @TempDir Path dir;
  final MutableClock clock = StoreFixture.clock();

  @Test
  void freshDirectoryIsNotInitialisedAndRefusesLogin() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      assertThat(ws.isInitialised()).isFalse();
      assertThatThrownBy(() -> ws.login("admin", "whatever-123".toCharArray()))
          .isInstanceOfSatisfying(
              StoreUnavailableException.class,
              e -> assertThat(e.kind()).isEqualTo(StoreUnavailableException.Kind.NOT_INITIALISED));
    }
  }

  @Test
  void initialiseCreatesAdministratorAndSignsIn() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      try (UserSession s = ws.initialise(" Admin ", "Ada Admin", StoreFixture.ADMIN_PASSWORD)) {
        assertThat(s.user().username()).isEqualTo("admin");
        assertThat(s.user().role()).isEqualTo(Role.ADMINISTRATOR);
        assertThat(s.isLocked()).isFalse();
        assertThat(ws.isInitialised()).isTrue();
        List<AuditEvent> events = s.audit().find(AuditLog.Filter.all(), 10);
        assertThat(events)
            .extracting(AuditEvent::action)
            .containsExactly(
                AuditAction.LOGIN_SUCCESS, AuditAction.USER_CREATE, AuditAction.INITIALISE);
        assertThat(s.audit().verify().ok()).isTrue();
      }
    }
    assertThat(dir.resolve("db/meditwin.mv.db")).exists();
    assertThat(dir.resolve("db/commit.marker")).exists();
    assertThat(dir.resolve("keyring.json")).exists();
  }

  @Test
  void initialiseRejectsShortPasswordAndLeavesDirectoryUninitialised() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      assertThatThrownBy(() -> ws.initialise("admin", "", "short".toCharArray()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least 10");
      assertThat(ws.isInitialised()).isFalse();
      ws.initialise("admin", "", StoreFixture.ADMIN_PASSWORD.clone()).close();
    }
  }

  @Test
  void initialiseTwiceIsRefused() {
    StoreFixture.initialised(dir, clock);
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      assertThatThrownBy(() -> ws.initialise("other", "", "another-password".toCharArray()))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void loginAfterReopenRecordsLoginAndLastLogin() {
    StoreFixture.initialised(dir, clock);
    clock.advance(Duration.ofHours(1));
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = StoreFixture.adminSession(ws)) {
      assertThat(s.user().lastLoginAt()).contains(clock.instant());
      List<AuditEvent> events = s.audit().find(AuditLog.Filter.all(), 3);
      assertThat(events.getFirst().action()).isEqualTo(AuditAction.LOGIN_SUCCESS);
      assertThat(events.getFirst().actor()).isEqualTo(s.audit().pseudonymOf(s.user().id()));
      assertThat(events.getFirst().actor()).startsWith("u_").doesNotContain("admin");
      assertThat(events.get(1).action()).isEqualTo(AuditAction.LOGOUT);
    }
  }

  @Test
  void wrongPasswordRefusesAndIsAuditedAtNextLogin() {
    StoreFixture.initialised(dir, clock);
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      assertThatThrownBy(() -> ws.login("admin", "wrong-password-9".toCharArray()))
          .isInstanceOfSatisfying(
              AuthenticationException.class,
              e ->
                  assertThat(e.reason())
                      .isEqualTo(AuthenticationException.Reason.WRONG_CREDENTIALS));
      assertThatThrownBy(() -> ws.login("nobody", "wrong-password-9".toCharArray()))
          .isInstanceOf(AuthenticationException.class)
          .hasMessage("Wrong username or password.");
      assertThat(dir.resolve("audit-preauth.journal")).isNotEmptyFile();
      try (UserSession s = StoreFixture.adminSession(ws)) {
        List<AuditEvent> failures =
            s.audit()
                .find(
                    new AuditLog.Filter(
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.of(AuditAction.LOGIN_FAILURE),
                        java.util.Optional.empty(),
                        java.util.Optional.empty()),
                    10);
        assertThat(failures).hasSize(2);
        assertThat(failures).allSatisfy(e -> assertThat(e.success()).isFalse());
        assertThat(failures)
            .extracting(AuditEvent::actor)
            .contains(s.audit().pseudonymOf(s.user().id()));
        assertThat(failures)
            .allSatisfy(e -> assertThat(e.actor()).doesNotContain("nobody").startsWith("u_"));
        assertThat(s.audit().verify().ok()).isTrue();
      }
      assertThat(dir.resolve("audit-preauth.journal")).isEmptyFile();
    }
  }

  @Test
  void repeatedFailuresLockTheAccountOutUntilTheBackOffExpires() {
    StoreFixture.initialised(dir, clock);
    LockoutPolicy policy = new LockoutPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(15));
    try (EmbeddedWorkstation ws =
        EmbeddedWorkstation.open(dir, StoreFixture.options(clock, policy))) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> ws.login("admin", "wrong-password-9".toCharArray()))
            .isInstanceOfSatisfying(
                AuthenticationException.class,
                e ->
                    assertThat(e.reason())
                        .isEqualTo(AuthenticationException.Reason.WRONG_CREDENTIALS));
      }
      assertThatThrownBy(() -> ws.login("admin", "wrong-password-9".toCharArray()))
          .isInstanceOfSatisfying(
              AuthenticationException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(AuthenticationException.Reason.LOCKED_OUT);
                assertThat(e.lockedUntil()).isPresent();
              });
      // Even the right password is refused while locked out.
      assertThatThrownBy(() -> StoreFixture.adminSession(ws))
          .isInstanceOfSatisfying(
              AuthenticationException.class,
              e -> assertThat(e.reason()).isEqualTo(AuthenticationException.Reason.LOCKED_OUT));
      clock.advance(Duration.ofSeconds(31));
      try (UserSession s = StoreFixture.adminSession(ws)) {
        List<AuditEvent> all = s.audit().find(AuditLog.Filter.all(), 50);
        assertThat(all)
            .extracting(AuditEvent::action)
            .contains(AuditAction.LOGIN_LOCKED_OUT, AuditAction.LOGIN_FAILURE);
        assertThat(s.audit().verify().ok()).isTrue();
      }
    }
  }

  @Test
  void secondWorkstationOnTheSameDirectoryInThisJvmIsInUse() {
    StoreFixture.initialised(dir, clock);
    try (EmbeddedWorkstation a = StoreFixture.open(dir, clock);
        EmbeddedWorkstation b = StoreFixture.open(dir, clock);
        UserSession s = StoreFixture.adminSession(a)) {
      assertThat(s.isLocked()).isFalse();
      assertThatThrownBy(() -> StoreFixture.adminSession(b))
          .isInstanceOfSatisfying(
              StoreUnavailableException.class,
              e -> assertThat(e.kind()).isEqualTo(StoreUnavailableException.Kind.IN_USE));
    }
  }
}
