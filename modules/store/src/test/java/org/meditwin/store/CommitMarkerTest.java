package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitMarkerTest {

  @TempDir Path dir;

  @Test
  void missingMarkerReadsAsEmpty() throws Exception {
    assertThat(CommitMarker.read(dir.resolve("commit.marker"))).isEmpty();
  }

  @Test
  void latestCounterWins() throws Exception {
    Path f = dir.resolve("commit.marker");
    for (long n = 0; n <= 5; n++) {
      CommitMarker.write(f, n);
      assertThat(CommitMarker.read(f)).hasValue(n);
    }
    assertThat(Files.size(f)).isEqualTo(2 * CommitMarker.SLOT);
  }

  @Test
  void tornWriteFallsBackToThePreviousCounter() throws Exception {
    Path f = dir.resolve("commit.marker");
    CommitMarker.write(f, 41);
    CommitMarker.write(f, 42);
    byte[] bytes = Files.readAllBytes(f);
    bytes[25] = (byte) '9'; // damage slot 0, which holds 42
    Files.write(f, bytes);
    assertThat(CommitMarker.read(f)).hasValue(41);
  }

  @Test
  void markerWithoutAnyValidSlotIsMalformed() throws Exception {
    Path f = dir.resolve("commit.marker");
    Files.write(f, new byte[2 * CommitMarker.SLOT]);
    assertThatThrownBy(() -> CommitMarker.read(f))
        .isInstanceOf(CommitMarker.MalformedMarkerException.class);
    Files.writeString(f, "12");
    assertThatThrownBy(() -> CommitMarker.read(f))
        .isInstanceOf(CommitMarker.MalformedMarkerException.class);
  }
}
