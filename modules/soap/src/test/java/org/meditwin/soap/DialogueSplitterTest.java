package org.meditwin.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DialogueSplitterTest {
  @Test
  void readsColonLabelledTurns() {
    String t = "Doctor: How are you?\nPatient: My ear hurts. It started Monday.\nDoctor: Okay.";
    List<Utterance> u = DialogueSplitter.utterances(t);
    assertThat(u)
        .extracting(Utterance::speaker)
        .containsExactly(Speaker.CLINICIAN, Speaker.PATIENT, Speaker.PATIENT, Speaker.CLINICIAN);
    assertThat(u.get(1).text()).isEqualTo("My ear hurts.");
    assertThat(t.substring(u.get(2).start(), u.get(2).end())).isEqualTo("It started Monday.");
  }

  @Test
  void readsAciBenchBracketsAndLowerCaseSentences() {
    String t =
        "[doctor] hi , brian . how are you ?\n[patient] i feel out of sorts . i'm tired .\n[patient_guest] he is .";
    List<Utterance> u = DialogueSplitter.utterances(t);
    assertThat(u)
        .extracting(Utterance::speaker)
        .containsExactly(
            Speaker.CLINICIAN, Speaker.CLINICIAN, Speaker.PATIENT, Speaker.PATIENT, Speaker.OTHER);
    assertThat(u.get(2).text()).isEqualTo("i feel out of sorts .");
  }

  @Test
  void unlabelledLinesContinueTheTurnAndHeadingsAreNotSpeakers() {
    String t = "Audiologist: Otoscopy: clear canals.\nTympanograms normal.\nPt: Thanks.";
    List<DialogueSplitter.Turn> turns = DialogueSplitter.turns(t);
    assertThat(turns)
        .extracting(DialogueSplitter.Turn::speaker)
        .containsExactly(Speaker.CLINICIAN, Speaker.PATIENT);
    assertThat(DialogueSplitter.role("Otoscopy", false)).isNull();
    assertThat(DialogueSplitter.role("Speaker 2", false)).isEqualTo(Speaker.OTHER);
    assertThat(DialogueSplitter.role("Dr. Patel", false)).isEqualTo(Speaker.CLINICIAN);
  }

  @Test
  void dictationWithoutLabelsIsNarrative() {
    List<Utterance> u =
        DialogueSplitter.utterances("Patient reports tinnitus. Otoscopy clear, e.g. no wax.");
    assertThat(u).hasSize(2).allMatch(x -> x.speaker() == Speaker.NARRATIVE);
    assertThat(u.get(1).text()).isEqualTo("Otoscopy clear, e.g. no wax.");
  }

  @Test
  void survivesRandomAndMutatedInput() {
    Random r = new Random(6);
    String seed = Transcripts.hearingVisit();
    String alphabet = "abcXYZ:[]\n\t .?!-_'\"0123456789\u00e9\u4e2d\uFFFD\u0000\r";
    for (int i = 0; i < 2000; i++) {
      String s;
      if (i % 2 == 0) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(300);
        for (int k = 0; k < n; k++) {
          sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        s = sb.toString();
      } else {
        StringBuilder sb = new StringBuilder(seed);
        for (int m = 0; m < 1 + r.nextInt(20); m++) {
          int at = r.nextInt(sb.length());
          switch (r.nextInt(3)) {
            case 0 -> sb.deleteCharAt(at);
            case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
            default -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
          }
        }
        s = sb.toString();
      }
      for (Utterance u : DialogueSplitter.utterances(s)) {
        assertThat(u.start()).isGreaterThanOrEqualTo(0);
        assertThat(u.end()).isLessThanOrEqualTo(s.length()).isGreaterThan(u.start());
        assertThat(s.substring(u.start(), u.end())).isEqualTo(u.text());
      }
    }
  }
}
