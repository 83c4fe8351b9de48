package org.meditwin.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BadInputTest {
  private static SoapPipeline pipeline;

  @BeforeAll
  static void load() {
    pipeline = SoapPipeline.rulesOnly();
  }

  @AfterAll
  static void close() {
    pipeline.close();
  }

  @Test
  void refusesBinaryGarbage() {
    StringBuilder sb = new StringBuilder();
    Random r = new Random(1);
    for (int i = 0; i < 4000; i++) {
      sb.append((char) r.nextInt(32));
    }
    assertThatThrownBy(() -> pipeline.draft(sb.toString(), NoteTemplate.GENERAL))
        .isInstanceOf(TranscriptException.class)
        .hasMessageContaining("does not look like text");
  }

  @Test
  void refusesTextWithoutWords() {
    assertThatThrownBy(() -> pipeline.draft("12 34 ... ?? 56 -- 78", NoteTemplate.HEARING))
        .isInstanceOf(TranscriptException.class)
        .hasMessageContaining("too few words");
  }

  @Test
  void refusesHugeTranscriptsWithTheLimit() {
    String huge = "Patient: my ear rings. ".repeat(SoapPipeline.MAX_CHARS / 20);
    assertThatThrownBy(() -> pipeline.draft(huge, NoteTemplate.GENERAL))
        .isInstanceOf(TranscriptException.class)
        .hasMessageContaining("too long")
        .hasMessageContaining(String.valueOf(SoapPipeline.MAX_CHARS));
  }

  @Test
  void smallTalkOnlyGivesAnEmptyNoteWithMissingFieldsNotACrash() {
    SoapDraft d =
        pipeline.draft(
            "Doctor: Hi, how are you?\nPatient: Good, thanks. And you?\nDoctor: Great.",
            NoteTemplate.HEARING);
    assertThat(d.sentences()).isEmpty();
    assertThat(d.missingFields()).contains("chiefComplaint", "audiogram");
    assertThat(d.issues()).anyMatch(i -> i.startsWith("missing field"));
  }

  @Test
  void mutatedTranscriptsNeverCrash() {
    Random r = new Random(7);
    String seed = Transcripts.hearingVisit();
    for (int i = 0; i < 150; i++) {
      StringBuilder sb = new StringBuilder(seed);
      for (int m = 0; m < 1 + r.nextInt(40); m++) {
        int at = r.nextInt(sb.length());
        int len = Math.min(sb.length() - at, r.nextInt(30));
        switch (r.nextInt(3)) {
          case 0 -> sb.delete(at, at + len);
          case 1 -> sb.insert(at, r.nextBoolean() ? "\nPatient: No.\nDoctor: Any ringing?\n" : "?");
          default -> sb.setCharAt(at, "\n:[]?.0123456789 ".charAt(r.nextInt(17)));
        }
      }
      try {
        SoapDraft d =
            pipeline.draft(sb.toString(), i % 2 == 0 ? NoteTemplate.HEARING : NoteTemplate.GENERAL);
        assertThat(d.checks()).hasSameSizeAs(d.sentences());
        for (DraftSentence s : d.sentences()) {
          s.sources().forEach(sp -> assertThat(sp.end()).isLessThanOrEqualTo(sb.length()));
        }
      } catch (TranscriptException e) {
        assertThat(e.userMessage()).isNotBlank();
      }
    }
  }
}
