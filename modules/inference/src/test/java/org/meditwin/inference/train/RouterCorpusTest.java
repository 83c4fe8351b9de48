package org.meditwin.inference.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.inference.classify.Specialty;

class RouterCorpusTest {

  @Test
  void groupsRowsByTextAndLabelsByTheSpecificSpecialty(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("m.csv");
    Files.writeString(
        csv,
        """
        note_id,description,medical_specialty,sample_name,transcription,keywords
        1,d, Orthopedic,s,"HISTORY:, Knee pain, ""worse"" on stairs.",k
        2,d, Surgery,s,"HISTORY:, Knee pain, ""worse"" on stairs.",k
        3,d, Neurosurgery,s,"Lumbar fusion
        L4-L5.",k
        4,d, Orthopedic,s,"Lumbar fusion
        L4-L5.",k
        5,d, Urology,s,Cystoscopy.,k
        """,
        StandardCharsets.UTF_8);
    RouterCorpus c = RouterCorpus.load(csv);
    assertThat(c.rows()).isEqualTo(5);
    assertThat(c.examples()).hasSize(3);
    RouterCorpus.Example knee = c.examples().get(0);
    assertThat(knee.text()).isEqualTo("HISTORY: Knee pain, \"worse\" on stairs.");
    assertThat(knee.labelled()).isTrue();
    assertThat(knee.route()).isEqualTo(Specialty.ORTHOPEDICS);
    assertThat(knee.specialties()).containsExactly("Orthopedic", "Surgery");
    assertThat(c.examples().get(1).ambiguous()).isTrue();
    assertThat(c.examples().get(1).routes())
        .isEqualTo(Set.of(Specialty.NEUROLOGY, Specialty.ORTHOPEDICS));
    assertThat(c.examples().get(2).routes()).isEmpty();
  }

  @Test
  void splitDependsOnlyOnTheTextHash() {
    assertThat(RouterCorpus.splitOf("00ab")).isEqualTo(RouterCorpus.Split.DEV);
    assertThat(RouterCorpus.splitOf("02ab")).isEqualTo(RouterCorpus.Split.VALIDATION);
    assertThat(RouterCorpus.splitOf("0aab")).isEqualTo(RouterCorpus.Split.DEV);
    assertThat(RouterCorpus.splitOf("ffab")).isEqualTo(RouterCorpus.Split.TRAIN);
  }
}
