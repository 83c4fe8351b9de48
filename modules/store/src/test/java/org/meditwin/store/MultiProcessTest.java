package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.core.service.UserSession;
import org.meditwin.testsupport.MutableClock;

/** Real child JVMs: a second process is refused, and SIGKILL loses no committed patient. */
class MultiProcessTest {

  @TempDir Path dir;
  final MutableClock clock = StoreFixture.clock();

  private static Process child(String mode, Path dir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            ChildWorkstationMain.class.getName(),
            mode,
            dir.toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  private static void awaitReady(BufferedReader out) throws IOException {
    String line = out.readLine();
    assertThat(line).as("child start-up").isEqualTo("READY");
  }

  @Test
  void secondProcessGetsInUse() throws Exception {
    StoreFixture.initialised(dir, clock);
    Process holder = child("hold", dir);
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      awaitReady(out);
      try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
        assertThatThrownBy(() -> StoreFixture.adminSession(ws))
            .isInstanceOfSatisfying(
                StoreUnavailableException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(StoreUnavailableException.Kind.IN_USE);
                  assertThat(e.getMessage()).contains("another MediTwin process");
                });
      }
      assertThat(StoreDiagnostics.check(dir))
          .filteredOn(c -> c.name().equals("not in use"))
          .singleElement()
          .satisfies(c -> assertThat(c.ok()).isFalse());
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      holder.destroyForcibly();
    }
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      StoreFixture.adminSession(ws).close();
    }
  }

  @Test
  void killDashNineLosesNoCommittedPatient() throws Exception {
    StoreFixture.initialised(dir, clock);
    List<String> printed = new ArrayList<>();
    Process writer = child("insert", dir);
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      awaitReady(out);
      String line;
      while (printed.size() < 300 && (line = out.readLine()) != null) {
        printed.add(line);
      }
      writer.destroyForcibly();
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      writer.destroyForcibly();
    }
    assertThat(printed).hasSize(300);
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = StoreFixture.adminSession(ws)) {
      Set<String> present =
          s.patients().search("", 1000).stream()
              .map(Patient::id)
              .map(id -> id.value())
              .collect(Collectors.toSet());
      assertThat(present).containsAll(printed);
      assertThat(s.audit().verify().ok()).isTrue();
    }
  }
}
