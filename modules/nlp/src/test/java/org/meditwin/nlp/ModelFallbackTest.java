package org.meditwin.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.nlp.pii.DeidPolicy;
import org.meditwin.nlp.pii.Operator;

class ModelFallbackTest {
  @TempDir Path dir;

  @Test
  void missingModelsFallBackToRulesWithAClearStatus() {
    try (ClinicalNlp nlp = ClinicalNlp.load(ModelRegistry.open(dir), dir.resolve("enc"), 1)) {
      assertThat(nlp.status()).hasSize(2).allMatch(s -> !s.modelLoaded());
      assertThat(nlp.status().get(0).detail()).contains("rules fallback").contains("not installed");
      DeidResult r =
          nlp.deidentify(
              "Call Dr. Ann Lee at 555-201-3344.",
              DeidPolicy.hipaaSafeHarbor(),
              Operator.TYPE,
              Optional.empty());
      assertThat(r.masked()).isEqualTo("Call Dr. <PERSON> at <PHONE>.");
    }
  }

  @Test
  void corruptWeightsAreRefusedByChecksum() throws Exception {
    Path shipped = Path.of(System.getProperty("meditwin.models.dir", "../../models"));
    Path model = shipped.resolve(ClinicalNlp.DEID_MODEL);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isRegularFile(model.resolve("model.json")), "deid-names is not trained yet");
    Path copy = Files.createDirectories(dir.resolve(ClinicalNlp.DEID_MODEL));
    Files.copy(model.resolve("model.json"), copy.resolve("model.json"));
    byte[] weights = Files.readAllBytes(model.resolve("head.params"));
    weights[weights.length / 2] ^= 1;
    Files.write(copy.resolve("head.params"), weights);
    try (ClinicalNlp nlp = ClinicalNlp.load(ModelRegistry.open(dir), dir.resolve("enc"), 1)) {
      ComponentStatus s = nlp.status().get(0);
      assertThat(s.modelLoaded()).isFalse();
      assertThat(s.detail()).contains("checksum mismatch");
    }
  }
}
