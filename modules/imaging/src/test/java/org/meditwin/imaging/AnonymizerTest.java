package org.meditwin.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnonymizerTest {
  @TempDir Path tmp;

  @Test
  void exportRemovesPatientIdentityAndRemapsUidsButKeepsPixels() throws Exception {
    Path ct = Samples.named("pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm");
    DicomReader reader = DicomReader.standard();
    DicomInfo before = reader.readInfo(DicomSource.file(ct));
    assertThat(before.patientName()).isNotBlank();

    List<Path> out =
        Anonymizer.basicProfile()
            .export(List.of(DicomSource.file(ct)), tmp.resolve("anon"), "ANON-0001");

    assertThat(out).hasSize(1);
    DicomObject after = reader.open(DicomSource.file(out.getFirst()));
    assertThat(after.info().patientName()).isEqualTo("ANON-0001");
    assertThat(after.info().patientId()).isEqualTo("ANON-0001");
    assertThat(after.info().patientBirthDate()).isEmpty();
    assertThat(after.info().sopInstanceUid()).isNotEqualTo(before.sopInstanceUid());
    assertThat(after.info().studyInstanceUid()).isNotEqualTo(before.studyInstanceUid());
    String bytes =
        new String(
            Files.readAllBytes(out.getFirst()), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(bytes).doesNotContain(before.patientName()).doesNotContain(before.patientId());
    assertThat(after.frame(0).values())
        .containsExactly(reader.open(DicomSource.file(ct)).frame(0).values());
    assertThat(after.attributes())
        .anySatisfy(a -> assertThat(a.keyword()).isEqualTo("PatientIdentityRemoved"));
  }
}
