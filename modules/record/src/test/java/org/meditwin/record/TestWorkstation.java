package org.meditwin.record;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.store.EmbeddedWorkstation;

/** A real encrypted workstation in a temp dir (fast Argon2id), signed in as an administrator. */
public final class TestWorkstation implements AutoCloseable {
  public static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  public final EmbeddedWorkstation workstation;
  public final UserSession session;

  private TestWorkstation(EmbeddedWorkstation ws, UserSession s) {
    this.workstation = ws;
    this.session = s;
  }

  public static TestWorkstation open(Path dir) {
    EmbeddedWorkstation ws =
        EmbeddedWorkstation.open(
            dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.fixed(NOW, ZoneOffset.UTC)));
    UserSession s = ws.initialise("admin", "Ada Admin", "admin-password-1".toCharArray());
    return new TestWorkstation(ws, s);
  }

  /** A new synthetic patient; returns its id. */
  public String newPatient(String family) {
    return session
        .patients()
        .create(
            new PatientInput(
                "",
                "Test",
                family,
                Optional.of(LocalDate.of(1960, 5, 1)),
                Sex.FEMALE,
                "",
                "",
                "",
                ""))
        .id()
        .value();
  }

  @Override
  public void close() {
    session.close();
    workstation.close();
  }
}
