package org.meditwin.pacs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.archive.ArchivedInstance;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.store.EmbeddedWorkstation;

/** Received instances land in the patient's encrypted archive and nowhere else on disk. */
class ArchiveSinkTest {
  @TempDir Path dir;

  @Test
  void receivedInstancesAreArchivedEncryptedAndDeduplicated() throws IOException {
    Path data = dir.resolve("data");
    try (EmbeddedWorkstation ws =
            EmbeddedWorkstation.open(
                data, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
        UserSession s = ws.initialise("admin", "Ada Admin", "admin-password-1".toCharArray())) {
      Patient p =
          s.patients()
              .create(
                  new PatientInput(
                      "MRN-1", "Ann", "Lee", Optional.empty(), Sex.FEMALE, "", "", "", ""));
      ImagingArchive archive = new ImagingArchive(s.clinicalStore(), DicomReader.standard());
      PacsNode self = PacsNode.of("self", "WS_SCP", "127.0.0.1", 104, "TESTER");
      ArchiveSink sink = ArchiveSink.of(archive, p.id().value(), self);
      try (StoreScp scp = StoreScp.start("WS_SCP", 0, sink, ae -> true, DimseOptions.defaults())) {
        PacsNode node = PacsNode.of("self", "WS_SCP", "127.0.0.1", scp.port(), "TESTER");
        List<DicomSource> ct = List.of(DicomSource.file(Samples.ct()));
        assertThat(DimseClient.of(node).store(ct, ProgressListener.NONE, () -> false).sent())
            .isEqualTo(1);
        assertThat(DimseClient.of(node).store(ct, ProgressListener.NONE, () -> false).sent())
            .isEqualTo(1);
      }
      assertThat(sink.imported()).isEqualTo(1);
      assertThat(sink.duplicates()).isEqualTo(1);
      assertThat(archive.studies(p.id().value())).hasSize(1);
      ArchivedInstance stored =
          archive
              .instances(archive.studies(p.id().value()).getFirst().studyInstanceUid())
              .getFirst();
      assertThat(stored.sopInstanceUid()).isEqualTo(OrthancIT.uidUnchecked(Samples.ct()));
      assertThat(PixelBytes.of(archive.bytes(stored)))
          .isEqualTo(PixelBytes.of(Files.readAllBytes(Samples.ct())));
    }
    // CT_small's patient name and the pixel-rich data set must not appear in plaintext anywhere
    assertThat(filesContaining(data, "CompressedSamples")).isEmpty();
  }

  private static List<Path> filesContaining(Path root, String marker) throws IOException {
    byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
    List<Path> hits = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        byte[] b = Files.readAllBytes(f);
        outer:
        for (int i = 0; i <= b.length - needle.length; i++) {
          for (int j = 0; j < needle.length; j++) {
            if (b[i + j] != needle[j]) {
              continue outer;
            }
          }
          hits.add(f);
          break;
        }
      }
    }
    return hits;
  }
}
