package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.store.CommitMarker.AuditHead;
import org.meditwin.store.CommitMarker.Marker;

class CommitMarkerTest {

  @TempDir Path dir;

  private static AuditHead head(long seq) {
    return AuditHead.of(seq, String.format("%064x", seq * 7919));
  }

  @Test
  void missingMarkerReadsAsEmpty() throws Exception {
    assertThat(CommitMarker.read(dir.resolve("commit.marker"))).isEmpty();
  }

  @Test
  void latestCounterAndAuditHeadWin() throws Exception {
    Path f = dir.resolve("commit.marker");
    for (long n = 0; n <= 5; n++) {
      CommitMarker.write(f, n, head(n * 3));
      assertThat(CommitMarker.read(f)).contains(new Marker(n, Optional.of(head(n * 3))));
    }
    assertThat(Files.size(f)).isEqualTo(2 * CommitMarker.SLOT);
  }

  @Test
  void tornWriteFallsBackToThePreviousCounter() throws Exception {
    Path f = dir.resolve("commit.marker");
    CommitMarker.write(f, 41, head(1));
    CommitMarker.write(f, 42, head(2));
    byte[] bytes = Files.readAllBytes(f);
    bytes[25] = (byte) '9'; // damage slot 0, which holds 42
    Files.write(f, bytes);
    assertThat(CommitMarker.read(f).orElseThrow().counter()).isEqualTo(41);
  }

  @Test
  void olderMarkerFormatsWithoutAuditHeadAreStillRead() throws Exception {
    Path f = dir.resolve("commit.marker");
    // v1: one line; v2: two 64-byte slots (written by earlier builds).
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update("17".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    String c = Long.toHexString(crc.getValue());
    Files.writeString(f, "meditwin-commit v1 17 " + c + "\n");
    assertThat(CommitMarker.read(f)).contains(new Marker(17, Optional.empty()));
    String slot = String.format("%-63s\n", "meditwin-commit v2 17 " + c);
    Files.writeString(f, slot + slot);
    assertThat(CommitMarker.read(f)).contains(new Marker(17, Optional.empty()));
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
