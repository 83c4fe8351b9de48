package org.meditwin.inference.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meditwin.inference.SharedModels;
import org.meditwin.inference.embedding.CachingEmbeddingService;

class ExtractiveComposerTest {
  static final List<SourcePassage> SOURCES =
      List.of(
          new SourcePassage(
              "medquad-1",
              "Tinnitus (MedlinePlus)",
              "https://medlineplus.gov/tinnitus.html",
              "Tinnitus is often described as ringing in the ears. It may also sound like roaring,"
                  + " clicking, hissing, or buzzing. Tinnitus can be caused by noise exposure, e.g."
                  + " loud concerts, or by age-related hearing loss."),
          new SourcePassage(
              "medquad-2",
              "Atrial fibrillation (NHLBI)",
              "https://www.nhlbi.nih.gov/health/atrial-fibrillation",
              "Atrial fibrillation is an irregular heart rhythm. It raises the risk of stroke."));

  @Test
  void answersOnlyWithVerbatimSourceSentencesAndCitations() {
    List<String> streamed = new ArrayList<>();
    Generation g =
        ExtractiveComposer.lexical()
            .generate(GenerationRequest.of("What causes tinnitus?", SOURCES), streamed::add);
    assertThat(g.extractive()).isTrue();
    assertThat(g.text())
        .contains(
            "Tinnitus can be caused by noise exposure, e.g. loud concerts, or by age-related hearing loss. [1]");
    assertThat(g.text()).doesNotContain("Atrial");
    assertThat(String.join("", streamed)).isEqualTo(g.text());
    for (String sentence : g.text().split(" \\[\\d\\] ?")) {
      assertThat(SOURCES.get(0).text() + SOURCES.get(1).text()).contains(sentence.strip());
    }
    assertThat(g.citations()).extracting(Citation::sourceId).containsExactly("medquad-1");
  }

  @Test
  void saysSoWhenTheSourcesDoNotAnswer() {
    Generation g =
        ExtractiveComposer.lexical()
            .generate(
                GenerationRequest.of("How is a broken wrist treated?", SOURCES), TokenSink.NONE);
    assertThat(g.text()).isEqualTo(ExtractiveComposer.NO_ANSWER);
    assertThat(g.citations()).isEmpty();
  }

  @Test
  void semanticScoringFindsParaphrases() {
    ExtractiveComposer semantic =
        new ExtractiveComposer(
            Optional.of(new CachingEmbeddingService(SharedModels.encoder(), 16, 100)), 2, 0.6);
    Generation g =
        semantic.generate(
            GenerationRequest.of("Does an irregular heartbeat increase stroke risk?", SOURCES),
            TokenSink.NONE);
    assertThat(g.text()).contains("It raises the risk of stroke. [2]").doesNotContain("Tinnitus");
  }

  @Test
  void splitsSentencesButNotAbbreviations() {
    assertThat(
            ExtractiveComposer.sentences("Take 5 mg daily, e.g. at night. Dr. Smith agrees! Ok?"))
        .containsExactly("Take 5 mg daily, e.g. at night.", "Dr. Smith agrees!", "Ok?");
  }
}
