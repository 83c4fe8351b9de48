package org.meditwin.dictation.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class PronunciationDictionaryTest {
  @Test
  void curatedDictionaryCoversTheAudiologyTermsMissingFromCmudict() throws Exception {
    PronunciationDictionary d = HearingLmBuilder.audiologyDictionary();
    for (String w :
        List.of(
            "audiogram",
            "tympanometry",
            "otoscopy",
            "cerumen",
            "sensorineural",
            "presbycusis",
            "audiologist",
            "otoacoustic",
            "tympanogram",
            "otosclerosis",
            "vestibular")) {
      assertThat(d.contains(w)).as(w).isTrue();
    }
    assertThat(d.pronunciations("sensorineural")).hasSize(2);
    assertThat(d.pronunciations("audiogram"))
        .containsExactly("AO D IY AH G R AE M", "AO D IY OW G R AE M");
  }

  @Test
  void rejectsPhonesTheAcousticModelDoesNotHave() {
    assertThatThrownBy(() -> PronunciationDictionary.read(new StringReader("ear IY1 QX\n")))
        .hasMessageContaining("unknown phone QX");
    assertThatThrownBy(() -> PronunciationDictionary.read(new StringReader("ear\n")))
        .hasMessageContaining("no phones");
  }

  @Test
  void readsAlternatesAsExtraPronunciations() throws Exception {
    PronunciationDictionary d =
        PronunciationDictionary.read(new StringReader(";;; c\nread R IY D\nread(2) R EH D\n"));
    assertThat(d.pronunciations("read")).containsExactly("R IY D", "R EH D");
  }
}
