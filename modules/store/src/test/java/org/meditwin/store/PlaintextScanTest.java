package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Professional;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.AuthenticationException;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.testsupport.MutableClock;

/** PHI must never be readable in any file the store writes. */
class PlaintextScanTest {

  @TempDir Path dir;
  @TempDir Path backups;
  final MutableClock clock = StoreFixture.clock();

  @Test
  void noFileUnderTheDataDirectoryOrInTheBackupContainsPatientData() throws Exception {
    String marker = "Qzmark" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      try (UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
        Patient p =
            s.patients()
                .create(
                    new PatientInput(
                        marker + "-MRN",
                        marker + "given",
                        marker + "family",
                        Optional.of(LocalDate.of(1970, 1, 1)),
                        Sex.MALE,
                        "+1 555 0100",
                        marker + "@example.org",
                        marker + " street 1",
                        "Notes about " + marker + " and his hearing."));
        for (int i = 0; i < 30; i++) {
          s.patients().create(StoreFixture.patient("Filler" + i, "Patient"));
        }
        s.patients().search(marker, 10);
        s.patients().find(p.id());
        Professional pro = s.professionals().create("Dr X", "Audiologist", "L1", Optional.empty());
        s.visits().start(p.id(), pro.id(), "Reason " + marker);
        s.backups().backup(backups.resolve("backup.mtb"), "archive-password-1".toCharArray());
      }
      // A failed login whose "username" is PHI (a user typing a patient name) is sealed too.
      assertThatThrownBy(() -> ws.login(marker, "wrong-password-1".toCharArray()))
          .isInstanceOf(AuthenticationException.class);
    }
    assertThat(PlaintextScan.countFiles(dir)).isGreaterThanOrEqualTo(4);
    assertThat(PlaintextScan.filesContaining(dir, marker)).isEmpty();
    assertThat(PlaintextScan.filesContaining(backups, marker)).isEmpty();
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.map(Path::toString)).noneMatch(n -> n.endsWith(".trace.db"));
    }
    // Control: the scanner does find the marker when it is there.
    Files.writeString(dir.resolve("logs/control.txt"), "x" + marker.toLowerCase() + "x");
    assertThat(PlaintextScan.filesContaining(dir, marker)).containsExactly("logs/control.txt");
  }

  @Test
  void largeResultsSpilledByH2ToTempFilesAreEncrypted() throws Exception {
    String marker = "Qzspill" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Set<Path> before = h2TempFiles(tmp);
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      for (int i = 0; i < 40; i++) {
        s.patients().create(StoreFixture.patient(marker + i, "Spill"));
      }
      Database db = ((StoreSession) s).db();
      List<String> leaks = new ArrayList<>();
      int spilled =
          db.read(
              tx -> {
                try (Statement st = tx.connection().createStatement()) {
                  st.execute("SET MAX_MEMORY_ROWS 5");
                  try (ResultSet rs =
                      st.executeQuery("SELECT * FROM patients ORDER BY notes, given_name")) {
                    rs.next();
                    Set<Path> created = h2TempFiles(tmp);
                    created.removeAll(before);
                    for (Path f : created) {
                      if (PlaintextScan.contains(Files.readAllBytes(f), marker)) {
                        leaks.add(f.getFileName().toString());
                      }
                    }
                    return created.size();
                  } finally {
                    st.execute("SET MAX_MEMORY_ROWS 200000");
                  }
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      assertThat(spilled).as("H2 spilled the sorted result to a temp file").isPositive();
      assertThat(leaks).isEmpty();
    }
  }

  private static Set<Path> h2TempFiles(Path tmp) throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("h2tmp"))
          .collect(Collectors.toSet());
    }
  }
}
