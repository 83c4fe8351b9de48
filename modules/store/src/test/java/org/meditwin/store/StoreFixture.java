package org.meditwin.store;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.security.LockoutPolicy;
import org.meditwin.testsupport.MutableClock;

/** Shared set-up: a fresh data directory with fast Argon2id and a controllable clock. */
final class StoreFixture {
  static final String ADMIN = "admin";
  static final char[] ADMIN_PASSWORD = "admin-password-1".toCharArray();

  private StoreFixture() {}

  static EmbeddedWorkstation.Options options(MutableClock clock) {
    return EmbeddedWorkstation.Options.fastKdfForTests(clock);
  }

  static EmbeddedWorkstation.Options options(MutableClock clock, LockoutPolicy lockout) {
    return EmbeddedWorkstation.Options.fastKdfForTests(clock).withLockout(lockout);
  }

  static MutableClock clock() {
    return MutableClock.startingAt("2026-03-02T09:00:00Z");
  }

  static EmbeddedWorkstation open(Path dir, MutableClock clock) {
    return EmbeddedWorkstation.open(dir, options(clock));
  }

  /** Initialises a data directory, then closes it (the admin's password is ADMIN_PASSWORD). */
  static void initialised(Path dir, MutableClock clock) {
    try (EmbeddedWorkstation ws = open(dir, clock)) {
      ws.initialise(ADMIN, "Ada Admin", ADMIN_PASSWORD.clone()).close();
    }
  }

  static UserSession adminSession(EmbeddedWorkstation ws) {
    return ws.login(ADMIN, ADMIN_PASSWORD.clone());
  }

  static PatientInput patient(String given, String family) {
    return new PatientInput(
        "",
        given,
        family,
        Optional.of(LocalDate.of(1961, 4, 12)),
        Sex.FEMALE,
        "+1 (555) 010-2030",
        given.toLowerCase() + "@example.org",
        "12 Harbour Road, Springfield",
        "Bilateral tinnitus since 2019.");
  }

  static PatientInput withMrn(PatientInput in, String mrn) {
    return new PatientInput(
        mrn,
        in.givenName(),
        in.familyName(),
        in.birthDate(),
        in.sex(),
        in.phone(),
        in.email(),
        in.address(),
        in.notes());
  }
}
