package org.meditwin.chatlog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.store.EmbeddedWorkstation;

/** A real encrypted workstation (fast KDF) with an administrator and a clinician. */
final class Fixture {
  static final String ADMIN = "admin";
  static final char[] ADMIN_PASSWORD = "admin-password-1".toCharArray();
  static final String CLINICIAN = "bea";
  static final char[] CLINICIAN_PASSWORD = "clinician-password-1".toCharArray();

  /** Marker PHI that must never leave the workstation or reach the disk in plaintext. */
  static final String GIVEN = "Zebulon";

  static final String FAMILY = "Quixotefeld";
  static final String MRN = "QX-448812";
  static final LocalDate BORN = LocalDate.of(1961, 4, 12);

  private Fixture() {}

  static EmbeddedWorkstation open(Path dir) {
    return EmbeddedWorkstation.open(
        dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
  }

  /** Initialises {@code dir} with both users; returns the administrator's session. */
  static UserSession initialise(EmbeddedWorkstation ws) {
    UserSession admin = ws.initialise(ADMIN, "Ada Admin", ADMIN_PASSWORD.clone());
    admin.accounts().create(CLINICIAN, "Dr Bea", Role.CLINICIAN, CLINICIAN_PASSWORD.clone());
    return admin;
  }

  static UserSession clinician(EmbeddedWorkstation ws) {
    return ws.login(CLINICIAN, CLINICIAN_PASSWORD.clone());
  }

  static Patient patient(UserSession s) {
    return s.patients()
        .create(
            new PatientInput(
                MRN,
                GIVEN,
                FAMILY,
                Optional.of(BORN),
                Sex.MALE,
                "+1 (555) 010-7788",
                "zebulon.q@example.org",
                "17 Larkspur Crescent, Brightwater",
                ""));
  }

  static List<AuditEvent> audit(UserSession s, AuditAction action) {
    return s.audit().find(AuditLog.Filter.all(), 10_000).stream()
        .filter(e -> e.action() == action)
        .toList();
  }

  /** Files under {@code root} whose bytes contain {@code marker} (UTF-8 or UTF-16). */
  static List<String> filesContaining(Path root, String marker) throws IOException {
    List<byte[]> needles =
        List.of(
            marker.getBytes(StandardCharsets.UTF_8),
            marker.getBytes(StandardCharsets.UTF_16LE),
            marker.getBytes(StandardCharsets.UTF_16BE));
    List<String> hits = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        byte[] data = Files.readAllBytes(p);
        for (byte[] n : needles) {
          if (indexOf(data, n) >= 0) {
            hits.add(root.relativize(p).toString());
            break;
          }
        }
      }
    }
    return hits;
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
