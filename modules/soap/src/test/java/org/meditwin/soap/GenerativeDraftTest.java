package org.meditwin.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meditwin.inference.generate.Generation;
import org.meditwin.inference.generate.GenerationException;
import org.meditwin.inference.generate.GenerationRequest;
import org.meditwin.inference.generate.GenerativeProvider;
import org.meditwin.inference.generate.TokenSink;

/** The generative path with a scripted provider (a test double standing in for a local LLM). */
class GenerativeDraftTest {
  private static SoapPipeline pipeline;
  private static final String T =
      "Doctor: Good morning Mr. Harold Whitfield, what brings you in?\n"
          + Transcripts.hearingVisit();

  @BeforeAll
  static void load() {
    pipeline = SoapPipeline.rulesOnly();
  }

  @AfterAll
  static void close() {
    pipeline.close();
  }

  /** Returns a fixed note and records what it was asked. */
  private static final class Scripted implements GenerativeProvider {
    final List<GenerationRequest> requests = new ArrayList<>();
    final String answer;
    final boolean fail;

    Scripted(String answer, boolean fail) {
      this.answer = answer;
      this.fail = fail;
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public boolean available() {
      return true;
    }

    @Override
    public Generation generate(GenerationRequest request, TokenSink sink) {
      requests.add(request);
      if (fail) {
        throw new GenerationException("server down", true);
      }
      return new Generation(answer, "scripted-llm", List.of(), false);
    }
  }

  @Test
  void providerSeesOnlyTheMaskedTranscriptAndItsNoteIsJudged() {
    Scripted llm =
        new Scripted(
            """
            SUBJECTIVE:
            - Reports ringing in the left ear for two weeks.
            - Reports dizziness.
            OBJECTIVE:
            - Ear canals clear, eardrums intact.
            ASSESSMENT:
            - Moderate sensorineural hearing loss in both ears.
            PLAN:
            - Refer to ENT for MRI of the right ear.
            - Follow up in four weeks for hearing aid fitting.
            """,
            false);
    SoapDraft d = pipeline.draft(T, NoteTemplate.HEARING, llm);
    assertThat(llm.requests).hasSize(1);
    assertThat(llm.requests.get(0).question())
        .doesNotContain("Whitfield")
        .contains("ringing in my left ear");
    assertThat(d.engine()).isEqualTo("generative (scripted-llm)");
    assertThat(d.section(Section.SUBJECTIVE))
        .contains("Reports ringing in the left ear for two weeks.");
    List<String> texts = d.sentences().stream().map(DraftSentence::text).toList();
    int dizziness = texts.indexOf("Reports dizziness.");
    assertThat(d.checks().get(dizziness).verdict()).isEqualTo(Verdict.CONTRADICTED);
    assertThat(d.aiApproved()).isFalse();
    DraftSentence ringing =
        d.sentences().get(texts.indexOf("Reports ringing in the left ear for two weeks."));
    assertThat(ringing.sources()).isNotEmpty();
    assertThat(ringing.sources())
        .anySatisfy(
            sp -> assertThat(T.substring(sp.start(), sp.end())).contains("ringing in my left ear"));
  }

  @Test
  void aFailingProviderFallsBackToTheExtractiveDraftAndSaysSo() {
    SoapDraft d = pipeline.draft(T, NoteTemplate.HEARING, new Scripted("", true));
    assertThat(d.engine()).startsWith("extractive");
    assertThat(d.issues()).anyMatch(i -> i.contains("generative provider scripted failed"));
    assertThat(d.sentences()).isNotEmpty();
  }
}
