package org.meditwin.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.nlp.ner.ClinicalEntity;
import org.meditwin.nlp.ner.ClinicalEntityType;
import org.meditwin.nlp.pii.DeidPolicy;
import org.meditwin.nlp.pii.PiiSpan;
import org.meditwin.nlp.pii.PiiType;

/** The trained heads in models/ load, verify and find what rules alone cannot. */
class ShippedModelsTest {
  @TempDir static Path cache;
  static ClinicalNlp nlp;

  @BeforeAll
  static void load() {
    Path models = Path.of(System.getProperty("meditwin.models.dir", "../../models"));
    Assumptions.assumeTrue(
        Files.isRegularFile(models.resolve(ClinicalNlp.DEID_MODEL).resolve("model.json"))
            && Files.isRegularFile(models.resolve(ClinicalNlp.NER_MODEL).resolve("model.json")),
        "heads not trained");
    DjlEnvironment.configureOffline(DjlEnvironment.defaultCacheDir());
    nlp = ClinicalNlp.load(ModelRegistry.open(models), cache, 1);
  }

  @AfterAll
  static void close() {
    if (nlp != null) {
      nlp.close();
    }
  }

  @Test
  void bothHeadsAreInUse() {
    assertThat(nlp.status()).allMatch(ComponentStatus::modelLoaded);
  }

  @Test
  void modelFindsNamesAndPlacesWithoutTitlesOrCues() {
    String text =
        "Follow up with patricia desrosiers in a couple of months. Siiri Virtanen moved to Tampere.";
    List<PiiSpan> spans = nlp.detectPii(text, DeidPolicy.hipaaSafeHarbor());
    assertThat(spans).extracting(PiiSpan::type).contains(PiiType.PERSON);
    assertThat(String.join("|", spans.stream().map(PiiSpan::text).toList()))
        .contains("Virtanen")
        .contains("Tampere");
  }

  @Test
  void drugsAndDiseasesAreNotMaskedAsNames() {
    String text = "Started Amoxicillin for Otitis Media; Parkinson's disease is stable.";
    assertThat(nlp.detectPii(text, DeidPolicy.hipaaSafeHarbor())).isEmpty();
  }

  @Test
  void modelAddsEntitiesBeyondTheLexicon() {
    // "rhabdomyolysis" is in no curated lexicon: only the head can find it
    String text = "The patient developed rhabdomyolysis after simvastatin and clarithromycin.";
    List<ClinicalEntity> e = nlp.entities(text);
    assertThat(e)
        .filteredOn(x -> x.source().startsWith("model:"))
        .extracting(ClinicalEntity::text)
        .contains("rhabdomyolysis");
    assertThat(e)
        .filteredOn(x -> x.text().equals("simvastatin"))
        .extracting(ClinicalEntity::type)
        .containsExactly(ClinicalEntityType.MEDICATION);
  }
}
