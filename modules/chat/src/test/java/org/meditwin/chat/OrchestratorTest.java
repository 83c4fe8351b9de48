package org.meditwin.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meditwin.nlp.safety.RedFlagDetector;

class OrchestratorTest {
  private static List<Specialist> route(Orchestrator o, String m) {
    return o.route(m, RedFlagDetector.standard().detect(m)).chosen();
  }

  @Test
  void rulesRouteByVocabulary() {
    Orchestrator o = new Orchestrator(Optional.empty());
    assertThat(route(o, "treatment for atrial fibrillation"))
        .first()
        .isEqualTo(Specialist.CARDIOLOGY);
    assertThat(route(o, "what causes migraine headaches")).first().isEqualTo(Specialist.NEUROLOGY);
    assertThat(route(o, "knee osteoarthritis exercises")).first().isEqualTo(Specialist.ORTHOPEDICS);
    assertThat(route(o, "my tinnitus and hearing aids")).first().isEqualTo(Specialist.AUDIOLOGY);
    assertThat(route(o, "hello")).containsExactly(Specialist.GENERAL_PHYSICIAN);
  }

  @Test
  void aRedFlagBringsItsSpecialist() {
    Orchestrator o = new Orchestrator(Optional.empty());
    assertThat(route(o, "I woke up deaf in one ear this morning")).contains(Specialist.AUDIOLOGY);
    assertThat(route(o, "his face is drooping and his speech is slurred"))
        .first()
        .isEqualTo(Specialist.NEUROLOGY);
  }

  @Test
  void theTrainedRouterIsBlendedWithTheRules() {
    Map<Specialist, Double> p = new EnumMap<>(Specialist.class);
    for (Specialist s : Specialist.values()) {
      p.put(s, 0.02);
    }
    p.put(Specialist.ORTHOPEDICS, 0.92);
    Orchestrator o = new Orchestrator(Optional.of(text -> p));
    // no vocabulary word: the model decides
    assertThat(route(o, "it hurts when I climb stairs")).first().isEqualTo(Specialist.ORTHOPEDICS);
    // vocabulary and model disagree: both are consulted
    assertThat(route(o, "tinnitus after a fall"))
        .contains(Specialist.AUDIOLOGY, Specialist.ORTHOPEDICS);
  }

  @Test
  void aFailingRouterFallsBackToRules() {
    Orchestrator o =
        new Orchestrator(
            Optional.of(
                text -> {
                  throw new IllegalStateException("encoder gone");
                }));
    assertThat(route(o, "tinnitus treatment")).first().isEqualTo(Specialist.AUDIOLOGY);
  }

  @Test
  void atMostThreeSpecialists() {
    Orchestrator o = new Orchestrator(Optional.empty());
    assertThat(
            route(
                o,
                "heart, brain, knee, ear and fever — ask the cardiologist, neurologist, orthopedist, audiologist and GP"))
        .hasSize(Orchestrator.MAX_SPECIALISTS);
  }
}
