package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.store.StoreDiagnostics.Check;
import org.meditwin.testsupport.MutableClock;

class StoreDiagnosticsTest {

  @TempDir Path dir;
  final MutableClock clock = StoreFixture.clock();

  private static Map<String, Boolean> byName(List<Check> checks) {
    return checks.stream().collect(Collectors.toMap(Check::name, Check::ok));
  }

  @Test
  void freshDirectoryIsReportedAsNotInitialised() {
    Map<String, Boolean> checks = byName(StoreDiagnostics.check(dir));
    assertThat(checks).containsEntry("data directory writable", true);
    assertThat(checks).containsEntry("initialised", false);
    assertThat(checks).containsEntry("database file", false);
    assertThat(checks).containsEntry("key ring readable", false);
  }

  @Test
  void initialisedDirectoryPassesEveryCheck() {
    StoreFixture.initialised(dir, clock);
    List<Check> checks = StoreDiagnostics.check(dir);
    assertThat(checks).hasSize(7);
    assertThat(checks)
        .allSatisfy(c -> assertThat(c.ok()).as(c.name() + ": " + c.detail()).isTrue());
  }

  @Test
  void emptiedDatabaseFileFailsItsCheck() throws Exception {
    StoreFixture.initialised(dir, clock);
    Files.write(dir.resolve("db/meditwin.mv.db"), new byte[0]);
    List<Check> checks = StoreDiagnostics.check(dir);
    assertThat(checks)
        .filteredOn(c -> c.name().equals("database file"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.ok()).isFalse();
              assertThat(c.detail()).contains("0 bytes");
            });
  }
}
