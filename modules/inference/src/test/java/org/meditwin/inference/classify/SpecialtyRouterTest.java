package org.meditwin.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.meditwin.inference.SharedModels;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.inference.train.RouterCorpus;

class SpecialtyRouterTest {

  @Test
  void routesTypicalNotesToTheirSpecialty() {
    SpecialtyRouter router = SharedModels.runtime().router().join();
    List<SpecialtyRouter.Routing> r =
        router.route(
            List.of(
                "Echocardiogram shows an ejection fraction of 30% with severe mitral regurgitation;"
                    + " cardiac catheterization and coronary angiography were performed.",
                "Pure-tone audiometry shows bilateral sensorineural hearing loss and tinnitus;"
                    + " tympanometry normal; the ear canals and tympanic membranes are clear.",
                "Right knee arthroscopy with partial medial meniscectomy for a torn meniscus.",
                "EEG shows epileptiform discharges; the seizures are treated with levetiracetam."));
    assertThat(r)
        .extracting(SpecialtyRouter.Routing::specialty)
        .containsExactly(
            Specialty.CARDIOLOGY,
            Specialty.ENT_AUDIOLOGY,
            Specialty.ORTHOPEDICS,
            Specialty.NEUROLOGY);
    for (SpecialtyRouter.Routing routing : r) {
      assertThat(routing.scores().values().stream().mapToDouble(Double::doubleValue).sum())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(routing.confidence()).isEqualTo(routing.scores().get(routing.specialty()));
    }
  }

  @Test
  void longNotesAreTruncatedLikeTheTrainingFeatures() throws Exception {
    var d = ModelRegistry.readDescriptor(SharedModels.modelsDir().resolve("specialty-router"));
    assertThat(d.intParameter("maxTokens", 0)).isEqualTo(256);
    String note = RouterCorpus.normalise("HISTORY:, Chest pain. ".repeat(200));
    var encoder = SharedModels.encoder();
    // the router cuts at 256 word pieces exactly as the 256-token tokenizer did during training
    float[] routerView = encoder.embedBatch(List.of(note), 256)[0];
    float[] longView = encoder.embedBatch(List.of(note))[0];
    assertThat(org.meditwin.inference.embedding.EmbeddingService.cosine(routerView, longView))
        .isLessThan(0.99999);
  }
}
