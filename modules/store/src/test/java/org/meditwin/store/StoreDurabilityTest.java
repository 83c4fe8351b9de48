package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.core.service.StoreUnavailableException.Kind;
import org.meditwin.core.service.UserSession;
import org.meditwin.testsupport.MutableClock;

/** Damaged, emptied and rolled-back database files are refused with a clear message. */
class StoreDurabilityTest {

  @TempDir Path dir;
  final MutableClock clock = StoreFixture.clock();

  private Path dbFile() {
    return dir.resolve("db/meditwin.mv.db");
  }

  private List<PatientId> addPatients(int n) {
    List<PatientId> ids = new ArrayList<>();
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = StoreFixture.adminSession(ws)) {
      for (int i = 0; i < n; i++) {
        ids.add(s.patients().create(StoreFixture.patient("Ann" + i, "Lee")).id());
      }
    }
    return ids;
  }

  private StoreUnavailableException loginFails() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      StoreUnavailableException[] caught = new StoreUnavailableException[1];
      assertThatThrownBy(() -> StoreFixture.adminSession(ws))
          .isInstanceOfSatisfying(StoreUnavailableException.class, e -> caught[0] = e);
      assertThat(caught[0].getMessage())
          .doesNotContain("Exception")
          .doesNotContain("org.h2")
          .doesNotContain("\n");
      return caught[0];
    }
  }

  @Test
  void zeroByteDatabaseIsCorruptedNotAFreshEmptyDatabase() throws IOException {
    StoreFixture.initialised(dir, clock);
    addPatients(2);
    Files.write(dbFile(), new byte[0]);
    StoreUnavailableException e = loginFails();
    assertThat(e.kind()).isEqualTo(Kind.CORRUPTED);
    assertThat(e.restorable()).isTrue();
    assertThat(e.getMessage()).contains("empty").contains("backup");
    assertThat(dbFile()).isEmptyFile();
  }

  @Test
  void zeroedHeaderIsCorrupted() throws IOException {
    StoreFixture.initialised(dir, clock);
    byte[] bytes = Files.readAllBytes(dbFile());
    Arrays.fill(bytes, 0, 4096, (byte) 0);
    Files.write(dbFile(), bytes);
    StoreUnavailableException e = loginFails();
    assertThat(e.kind()).isEqualTo(Kind.CORRUPTED);
    assertThat(e.getMessage()).contains("header").contains("backup");
  }

  @Test
  void damagedEncryptionSaltIsCorrupted() throws IOException {
    StoreFixture.initialised(dir, clock);
    byte[] bytes = Files.readAllBytes(dbFile());
    for (int i = 10; i < 64; i++) {
      bytes[i] ^= 0x5a;
    }
    Files.write(dbFile(), bytes);
    assertThat(loginFails().kind()).isEqualTo(Kind.CORRUPTED);
  }

  @Test
  void missingDatabaseFileIsCorruptedAndNotRecreated() throws IOException {
    StoreFixture.initialised(dir, clock);
    Files.delete(dbFile());
    StoreUnavailableException e = loginFails();
    assertThat(e.kind()).isEqualTo(Kind.CORRUPTED);
    assertThat(e.getMessage()).contains("missing");
    assertThat(dbFile()).doesNotExist();
  }

  @Test
  void olderCopyOfTheDatabaseIsReportedAsRolledBack() throws IOException {
    StoreFixture.initialised(dir, clock);
    addPatients(1);
    Path old = dir.resolveSibling(dir.getFileName() + "-old.mv.db");
    Files.copy(dbFile(), old);
    addPatients(3);
    Files.copy(old, dbFile(), StandardCopyOption.REPLACE_EXISTING);
    StoreUnavailableException e = loginFails();
    assertThat(e.kind()).isEqualTo(Kind.ROLLED_BACK);
    assertThat(e.restorable()).isTrue();
    assertThat(e.getMessage()).contains("older").contains("missing").contains("backup");
  }

  @Test
  void truncatedDatabaseIsRefusedOrOpensWithEveryCommittedPatient() throws IOException {
    StoreFixture.initialised(dir, clock);
    Set<PatientId> ids = Set.copyOf(addPatients(40));
    byte[] original = Files.readAllBytes(dbFile());
    int refused = 0;
    for (double fraction : new double[] {0.95, 0.75, 0.5, 0.25, 0.1, 0.02}) {
      Files.write(dbFile(), Arrays.copyOf(original, (int) (original.length * fraction)));
      try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
        try (UserSession s = StoreFixture.adminSession(ws)) {
          Set<PatientId> present =
              s.patients().search("", 1000).stream().map(Patient::id).collect(Collectors.toSet());
          assertThat(present).as("opened at fraction %s", fraction).containsAll(ids);
        } catch (StoreUnavailableException e) {
          assertThat(e.kind())
              .as("%s at %s", e.getCause(), fraction)
              .isIn(Kind.ROLLED_BACK, Kind.CORRUPTED);
          refused++;
        }
      }
      Files.write(dbFile(), original);
      // Restore the marker too: a refused open never rewrites it, a successful one may advance it.
    }
    assertThat(refused).isPositive();
  }

  @Test
  void damagedCommitMarkerIsRefusedWithAdvice() throws IOException {
    StoreFixture.initialised(dir, clock);
    Files.writeString(dir.resolve("db/commit.marker"), "meditwin-commit v1 12 deadbeef\n");
    StoreUnavailableException e = loginFails();
    assertThat(e.kind()).isEqualTo(Kind.CORRUPTED);
    assertThat(e.getMessage()).contains("commit marker");
  }

  @Test
  void damagedKeyRingIsCorruptedNotACrash() throws IOException {
    StoreFixture.initialised(dir, clock);
    Files.writeString(dir.resolve("keyring.json"), "{ not json");
    StoreUnavailableException e = loginFails();
    assertThat(e.kind()).isEqualTo(Kind.CORRUPTED);
    assertThat(e.getMessage()).contains("keyring.json");
  }

  @Test
  void missingCommitMarkerIsRecreatedFromTheDatabase() throws IOException {
    StoreFixture.initialised(dir, clock);
    addPatients(1);
    Files.delete(dir.resolve("db/commit.marker"));
    addPatients(1);
    assertThat(dir.resolve("db/commit.marker")).exists();
  }

  @Test
  void refusedOpenReleasesTheDirectoryForALaterAttempt() throws IOException {
    StoreFixture.initialised(dir, clock);
    byte[] original = Files.readAllBytes(dbFile());
    Files.write(dbFile(), new byte[0]);
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      assertThatThrownBy(() -> StoreFixture.adminSession(ws))
          .isInstanceOf(StoreUnavailableException.class);
      Files.write(dbFile(), original);
      StoreFixture.adminSession(ws).close();
    }
  }
}
