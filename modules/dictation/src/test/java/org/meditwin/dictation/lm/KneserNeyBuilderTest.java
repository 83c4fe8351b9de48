package org.meditwin.dictation.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class KneserNeyBuilderTest {
  private static KneserNeyBuilder.Model model() {
    KneserNeyBuilder b = new KneserNeyBuilder(3);
    for (String s :
        List.of(
            "the right ear is clear",
            "the left ear is clear",
            "the left ear has cerumen",
            "tympanometry shows type a tympanograms",
            "the patient reports tinnitus in the left ear",
            "cerumen was removed from the right ear")) {
      b.add(List.of(s.split(" ")));
    }
    return b.build();
  }

  @Test
  void everyHistoryGivesAProperDistribution() {
    KneserNeyBuilder.Model m = model();
    for (List<String> h :
        List.of(
            List.<String>of(),
            List.of("<s>"),
            List.of("the"),
            List.of("the", "left"),
            List.of("left", "ear"),
            List.of("unseen", "words"),
            List.of("ear", "the"))) {
      double sum = 0;
      for (String w : m.vocabulary()) {
        sum += m.probability(h, w);
      }
      assertThat(sum).as("history %s", h).isCloseTo(1.0, within(1e-9));
    }
  }

  @Test
  void seenContinuationsAreLikelierThanUnseen() {
    KneserNeyBuilder.Model m = model();
    assertThat(m.probability(List.of("the", "left"), "ear"))
        .isGreaterThan(0.5)
        .isGreaterThan(m.probability(List.of("the", "left"), "tympanograms") * 10);
  }

  @Test
  void writesArpaWithHeaderCountsMatchingTheBody() throws Exception {
    StringWriter w = new StringWriter();
    model().writeArpa(w);
    String arpa = w.toString();
    assertThat(arpa).startsWith("\\data\\\nngram 1=").endsWith("\\end\\\n").contains("-99\t<s>\t");
    for (int k = 1; k <= 3; k++) {
      int declared = Integer.parseInt(arpa.replaceAll("(?s).*ngram " + k + "=(\\d+).*", "$1"));
      String section = arpa.split("\\\\" + k + "-grams:\n")[1].split("\n\n")[0];
      assertThat(section.split("\n")).as("order %d", k).hasSize(declared);
    }
  }
}
