package org.meditwin.nlp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.meditwin.core.MediTwinException;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.registry.ModelEntry;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.nlp.ner.ClinicalEntity;
import org.meditwin.nlp.ner.ClinicalNer;
import org.meditwin.nlp.ner.Lexicon;
import org.meditwin.nlp.pii.Anonymizer;
import org.meditwin.nlp.pii.DeidPolicy;
import org.meditwin.nlp.pii.Operator;
import org.meditwin.nlp.pii.PiiDetector;
import org.meditwin.nlp.pii.PiiSpan;
import org.meditwin.nlp.pii.PiiType;
import org.meditwin.nlp.pii.PseudonymVault;
import org.meditwin.nlp.tagger.HeadTagger;
import org.meditwin.nlp.tagger.SharedEncoder;
import org.meditwin.nlp.text.AnalyzedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clinical NLP pipeline: PII de-identification (detect, then redact / type / pseudonymise) and
 * clinical entity recognition with assertion. Trained heads from {@code models/} are used when
 * present and verified; otherwise each component falls back to its rules and says so in {@link
 * #status()}. One encoding of a text serves both heads.
 *
 * <pre>{@code
 * try (ClinicalNlp nlp = ClinicalNlp.load(registry, cacheDir.resolve("encoders"), 1)) {
 *   DeidResult d = nlp.deidentify(note, DeidPolicy.hipaaSafeHarbor(), Operator.TYPE, Optional.empty());
 *   List<ClinicalEntity> e = nlp.entities(note);
 * }
 * }</pre>
 */
public final class ClinicalNlp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClinicalNlp.class);
  public static final String DEID_MODEL = "deid-names";
  public static final String NER_MODEL = "clinical-ner";

  /** De-identification decodes names/locations with p(O) scaled by this: recall first. */
  public static final float DEID_OUTSIDE_SCALE = 0.3f;

  /** Longest accepted input (characters); longer texts are refused with a clear message. */
  public static final int MAX_CHARS = 2_000_000;

  private final PiiDetector detector;
  private final ClinicalNer ner;
  private final List<ComponentStatus> status;
  private final List<AutoCloseable> resources;

  private ClinicalNlp(
      PiiDetector detector,
      ClinicalNer ner,
      List<ComponentStatus> status,
      List<AutoCloseable> resources) {
    this.detector = detector;
    this.ner = ner;
    this.status = List.copyOf(status);
    this.resources = List.copyOf(resources);
  }

  /** Rules, patterns and lexicons only (no model files needed). */
  public static ClinicalNlp rulesOnly() {
    return new ClinicalNlp(
        PiiDetector.rulesOnly(),
        ClinicalNer.rulesOnly(),
        List.of(
            new ComponentStatus(DEID_MODEL, false, "rules only (requested)"),
            new ComponentStatus(NER_MODEL, false, "lexicons only (requested)")),
        List.of());
  }

  /**
   * Loads the trained heads that are installed and verified in {@code registry}; a missing or
   * corrupt head leaves its component on rules, reported in {@link #status()}.
   *
   * @param encoderDir where the encoder's ONNX graph is extracted
   * @param threads ONNX Runtime threads for the encoder
   */
  public static ClinicalNlp load(ModelRegistry registry, Path encoderDir, int threads) {
    List<ComponentStatus> status = new ArrayList<>();
    List<AutoCloseable> resources = new ArrayList<>();
    Optional<HeadTagger> names = head(registry, DEID_MODEL, status, resources);
    names.ifPresent(n -> n.setOutsideScale(DEID_OUTSIDE_SCALE));
    Optional<HeadTagger> clinical = head(registry, NER_MODEL, status, resources);
    Optional<SharedEncoder> encoder = Optional.empty();
    if (names.isPresent() || clinical.isPresent()) {
      String encoderName =
          names.isPresent() ? names.get().encoderName() : clinical.get().encoderName();
      try {
        BgeEncoder enc =
            BgeEncoder.open(EncoderVariant.byModelName(encoderName), encoderDir, threads, 256);
        resources.add(0, enc);
        encoder = Optional.of(new SharedEncoder(enc));
      } catch (MediTwinException | IllegalArgumentException e) {
        LOG.warn("NLP encoder {} unavailable, using rules: {}", encoderName, e.getMessage());
        status.clear();
        status.add(
            new ComponentStatus(DEID_MODEL, false, "encoder unavailable: " + e.getMessage()));
        status.add(new ComponentStatus(NER_MODEL, false, "encoder unavailable: " + e.getMessage()));
        names = Optional.empty();
        clinical = Optional.empty();
      }
    }
    return new ClinicalNlp(
        new PiiDetector(names, encoder),
        new ClinicalNer(Lexicon.shipped(), clinical, encoder),
        status,
        resources);
  }

  private static Optional<HeadTagger> head(
      ModelRegistry registry,
      String name,
      List<ComponentStatus> status,
      List<AutoCloseable> resources) {
    ModelEntry e = registry.verify(name);
    if (!e.status().usable() || e.descriptor().isEmpty()) {
      LOG.warn("model {} not used ({}): falling back to rules", name, e.status());
      status.add(new ComponentStatus(name, false, "rules fallback: " + e.detail()));
      return Optional.empty();
    }
    try {
      HeadTagger t = HeadTagger.load(e.descriptor().get(), e.folder());
      resources.add(t);
      status.add(
          new ComponentStatus(name, true, "model " + name + " " + t.version() + " (verified)"));
      return Optional.of(t);
    } catch (MediTwinException | IllegalArgumentException | UnsupportedOperationException ex) {
      LOG.warn("model {} failed to load, falling back to rules: {}", name, ex.getMessage());
      status.add(new ComponentStatus(name, false, "rules fallback: " + ex.getMessage()));
      return Optional.empty();
    }
  }

  /** Which components run on models and which on rules. */
  public List<ComponentStatus> status() {
    return status;
  }

  /** PII spans of {@code text} under {@code policy} (offsets into {@code text}). */
  public List<PiiSpan> detectPii(String text, DeidPolicy policy) {
    return detector.detect(analyze(text), policy);
  }

  /** Detects and masks PII. */
  public DeidResult deidentify(
      String text, DeidPolicy policy, Operator operator, Optional<PseudonymVault> vault) {
    List<PiiSpan> spans = detectPii(text, policy);
    return new DeidResult(spans, Anonymizer.anonymize(text, spans, operator, vault));
  }

  /** Clinical entities with attributes and assertion (offsets into {@code text}). */
  public List<ClinicalEntity> entities(String text) {
    AnalyzedText at = analyze(text);
    List<ClinicalEntity> all = ner.recognize(at);
    if (!ner.usesModel()) {
      return all;
    }
    // the PubMed-trained head has never seen names: a model entity over a person or place found
    // by the rules ("Mr. Harold Whitfield") is dropped; the name head's own guesses are not
    // trusted here because eponymous diseases look like names ("Wilms tumor")
    List<PiiSpan> people =
        detector.detect(at, DeidPolicy.hipaaSafeHarbor()).stream()
            .filter(p -> p.type() == PiiType.PERSON || p.type() == PiiType.LOCATION)
            .filter(p -> p.source().startsWith("rule:"))
            .toList();
    List<ClinicalEntity> out = new ArrayList<>(all.size());
    for (ClinicalEntity e : all) {
      boolean overPii =
          e.source().startsWith("model:")
              && people.stream().anyMatch(p -> p.start() < e.end() && e.start() < p.end());
      if (!overPii) {
        out.add(e);
      }
    }
    return out;
  }

  private static AnalyzedText analyze(String text) {
    if (text.length() > MAX_CHARS) {
      throw new IllegalArgumentException(
          "text too long for NLP: " + text.length() + " characters (limit " + MAX_CHARS + ")");
    }
    return AnalyzedText.of(text);
  }

  @Override
  public void close() {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.debug("closing NLP resource failed: {}", e.toString());
      }
    }
  }
}
