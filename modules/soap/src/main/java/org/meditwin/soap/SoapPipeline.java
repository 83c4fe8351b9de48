package org.meditwin.soap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.meditwin.core.MediTwinException;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.generate.Generation;
import org.meditwin.inference.generate.GenerationRequest;
import org.meditwin.inference.generate.GenerativeProvider;
import org.meditwin.inference.registry.ModelEntry;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.nlp.ClinicalNlp;
import org.meditwin.nlp.DeidResult;
import org.meditwin.nlp.ner.ClinicalEntity;
import org.meditwin.nlp.ner.ClinicalEntityType;
import org.meditwin.nlp.pii.DeidPolicy;
import org.meditwin.nlp.pii.Operator;
import org.meditwin.nlp.pii.PiiSpan;
import org.meditwin.nlp.safety.RedFlag;
import org.meditwin.nlp.safety.RedFlagDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transcript → SOAP draft, offline: PII masking → clinical NER with assertion → speaker turns and
 * sentences → concise third-person clinical sentences (yes/no answers folded, small talk dropped,
 * duplicates merged, medication list) → S/O/A/P by the trained {@code soap-sections} head (with
 * speaker and heading rules) → template fields and audiogram → the judge. Every sentence cites its
 * source spans in the original transcript.
 *
 * <pre>{@code
 * try (SoapPipeline p = SoapPipeline.load(modelsDir)) {
 *   SoapDraft d = p.draft(transcript, NoteTemplate.HEARING);
 *   d.section(Section.PLAN); d.checks(); d.aiApproved();
 *   List<SentenceCheck> again = p.validate(transcript, editedSentences);
 * }
 * }</pre>
 *
 * Thread-safe for sequential use from one task at a time per instance (the encoder serialises).
 */
public final class SoapPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SoapPipeline.class);

  /** Longest transcript accepted (characters): about four hours of continuous speech. */
  public static final int MAX_CHARS = 200_000;

  private final ClinicalNlp nlp;

  /** Rules and lexicons only: the judge runs NER on every sentence and must stay fast. */
  private final ClinicalNlp judgeNer = ClinicalNlp.rulesOnly();

  private final SectionClassifier classifier;
  private final List<AutoCloseable> resources;

  /**
   * How to load the pipeline.
   *
   * @param nlpModels use the trained NLP heads (names for masking, clinical NER) besides rules;
   *     false keeps de-identification and NER on rules and lexicons (faster, see README)
   * @param threads ONNX Runtime threads for the encoders
   * @param cacheDir where encoder graphs are extracted ({@code encoders/} below it)
   */
  public record Options(boolean nlpModels, int threads, Path cacheDir) {
    public static Options defaults() {
      return new Options(false, 1, DjlEnvironment.defaultCacheDir());
    }

    public Options withNlpModels(boolean use) {
      return new Options(use, threads, cacheDir);
    }

    public Options withThreads(int n) {
      return new Options(nlpModels, n, cacheDir);
    }
  }

  private SoapPipeline(
      ClinicalNlp nlp, SectionClassifier classifier, List<AutoCloseable> resources) {
    this.nlp = nlp;
    this.classifier = classifier;
    this.resources = List.copyOf(resources);
  }

  /** Loads the NLP pipeline and the {@code soap-sections} head with {@link Options#defaults()}. */
  public static SoapPipeline load(Path modelsDir) {
    return load(modelsDir, Options.defaults());
  }

  /**
   * @throws MediTwinException naming what is missing when the {@code soap-sections} head is not
   *     installed or fails verification (retrain with {@code ./run soap train})
   */
  public static SoapPipeline load(Path modelsDir, Options options) {
    DjlEnvironment.configureOffline(options.cacheDir());
    ModelRegistry registry = ModelRegistry.open(modelsDir);
    ModelEntry e = registry.verify(HeadSectionClassifier.MODEL);
    if (!e.status().usable() || e.descriptor().isEmpty()) {
      throw new MediTwinException(
          "The SOAP section model '"
              + HeadSectionClassifier.MODEL
              + "' is not usable in "
              + modelsDir
              + " ("
              + e.detail()
              + "): reinstall it or retrain it with './run soap train'.");
    }
    Path encoders = options.cacheDir().resolve("encoders");
    SectionClassifier head =
        HeadSectionClassifier.load(e.descriptor().get(), e.folder(), encoders, options.threads());
    try {
      ClinicalNlp nlp =
          options.nlpModels()
              ? ClinicalNlp.load(registry, encoders, options.threads())
              : ClinicalNlp.rulesOnly();
      LOG.info(
          "SOAP pipeline loaded: sections {}, NLP models {}", head.name(), options.nlpModels());
      return new SoapPipeline(nlp, head, List.of(head, nlp));
    } catch (RuntimeException ex) {
      head.close();
      throw ex;
    }
  }

  /**
   * A pipeline without any model file: sections by keyword rules, NLP by rules and lexicons. Drafts
   * say {@code extractive (rules)} as their engine.
   */
  public static SoapPipeline rulesOnly() {
    ClinicalNlp nlp = ClinicalNlp.rulesOnly();
    return new SoapPipeline(nlp, new RuleSections(), List.of(nlp));
  }

  /** The section the classifier gives each note sentence (no speaker or heading rules). */
  public List<Section> classifySentences(List<String> sentences) {
    return classifier.classify(sentences);
  }

  /** Which section classifier is in use ("soap-sections 1.0.0" or "rules"). */
  public String sectionModel() {
    return classifier.name();
  }

  /**
   * Drafts a note from a visit transcript (dialogue with speaker labels, or a dictated narrative).
   *
   * @throws TranscriptException when the transcript is empty, not text, has no words or is longer
   *     than {@link #MAX_CHARS}
   */
  public SoapDraft draft(String transcript, NoteTemplate template) {
    TranscriptCheck.require(transcript);
    CompletableFuture<List<String>> flags =
        CompletableFuture.supplyAsync(() -> redFlags(transcript));
    DeidResult deid =
        nlp.deidentify(transcript, DeidPolicy.hipaaSafeHarbor(), Operator.TYPE, Optional.empty());
    List<ClinicalEntity> entities = nlp.entities(transcript);
    List<DraftSentence> sentences = extractive(transcript, template, deid, entities);
    medicationList(entities).ifPresent(sentences::add);
    return finish(
        transcript,
        template,
        sentences,
        entities,
        "extractive (" + classifier.name() + ")",
        List.of(),
        flags);
  }

  /**
   * Lets a generative provider (local GGUF model or clinic server, inference provider chain) write
   * the draft from the PII-MASKED transcript; its sentences are located in the transcript (source
   * spans) and go through the same judge, template fields and red-flag check as extractive drafts.
   * When the provider is unavailable, fails, or only composes extracts, the extractive draft is
   * returned with an issue saying so. Names, dates and other PII appear as typed placeholders
   * ({@code [PERSON]}) in generated sentences: the provider never sees them.
   */
  public SoapDraft draft(String transcript, NoteTemplate template, GenerativeProvider generator) {
    TranscriptCheck.require(transcript);
    if (!generator.available()) {
      return withIssue(
          draft(transcript, template),
          "generative provider " + generator.name() + " unavailable: extractive draft");
    }
    CompletableFuture<List<String>> flags =
        CompletableFuture.supplyAsync(() -> redFlags(transcript));
    DeidResult deid =
        nlp.deidentify(transcript, DeidPolicy.hipaaSafeHarbor(), Operator.TYPE, Optional.empty());
    List<ClinicalEntity> entities = nlp.entities(transcript);
    Generation g;
    try {
      String masked = deid.masked();
      if (masked.length() > GENERATIVE_MAX_CHARS) {
        masked = masked.substring(0, GENERATIVE_MAX_CHARS);
      }
      g =
          generator.generate(
              new GenerationRequest(GenerativeDraft.SYSTEM_PROMPT, masked, List.of(), 900, 0.1),
              t -> {});
    } catch (RuntimeException e) {
      LOG.warn(
          "generative SOAP draft failed, using the extractive draft: {}",
          e.getClass().getSimpleName());
      return withIssue(
          draft(transcript, template),
          "generative provider " + generator.name() + " failed: extractive draft");
    }
    if (g.extractive() || g.text().isBlank()) {
      return withIssue(
          draft(transcript, template),
          "generative provider gave no written note: extractive draft");
    }
    TranscriptJudge locator = new TranscriptJudge(transcript, entities, Optional.empty());
    List<DraftSentence> sentences = new ArrayList<>();
    for (GenerativeDraft.Line line : GenerativeDraft.parse(g.text())) {
      Optional<String> field = TemplateFields.fieldOf(template, line.text(), line.section());
      sentences.add(
          new DraftSentence(line.section(), line.text(), locator.locate(line.text()), field));
    }
    return finish(
        transcript,
        template,
        sentences,
        entities,
        "generative (" + g.provider() + ")",
        List.of(),
        flags);
  }

  /** Masked transcripts longer than this are cut before they go to a generative provider. */
  static final int GENERATIVE_MAX_CHARS = 24_000;

  private static SoapDraft withIssue(SoapDraft d, String issue) {
    List<String> issues = new ArrayList<>(d.issues());
    issues.add(issue);
    return new SoapDraft(
        d.template(),
        d.sentences(),
        d.fields(),
        d.audiogram(),
        d.checks(),
        d.missingFields(),
        d.aiApproved(),
        issues,
        d.engine());
  }

  private List<DraftSentence> extractive(
      String transcript, NoteTemplate template, DeidResult deid, List<ClinicalEntity> entities) {
    List<ExtractiveDrafter.Candidate> candidates =
        ExtractiveDrafter.candidates(transcript, entities);

    // sections: fixed by speaker or heading, else the classifier (on PII-masked text)
    List<String> toClassify = new ArrayList<>();
    List<Integer> which = new ArrayList<>();
    Section[] sections = new Section[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      ExtractiveDrafter.Candidate c = candidates.get(i);
      if (c.fixed().isPresent()) {
        sections[i] = c.fixed().get();
      } else if (c.speaker() == Speaker.PATIENT || c.speaker() == Speaker.OTHER) {
        sections[i] = Section.SUBJECTIVE;
      } else {
        toClassify.add(mask(c.text(), deid.spans()));
        which.add(i);
      }
    }
    List<Section> predicted = classifier.classify(toClassify);
    for (int k = 0; k < which.size(); k++) {
      sections[which.get(k)] = predicted.get(k);
    }

    List<DraftSentence> sentences = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      ExtractiveDrafter.Candidate c = candidates.get(i);
      Section s = sections[i];
      Optional<String> field = TemplateFields.fieldOf(template, c.text(), s);
      if (field.isPresent() && c.fixed().isEmpty()) {
        Optional<Section> forced = TemplateFields.forcedSection(template, field.get(), c.speaker());
        if (forced.isPresent()) {
          s = forced.get();
        }
      }
      sentences.add(new DraftSentence(s, c.text(), c.sources(), field));
    }
    return sentences;
  }

  private SoapDraft finish(
      String transcript,
      NoteTemplate template,
      List<DraftSentence> sentences,
      List<ClinicalEntity> entities,
      String engine,
      List<String> extraIssues,
      CompletableFuture<List<String>> flags) {
    Optional<AudiogramParser.Result> parsed = AudiogramParser.parse(transcript);
    Optional<Audiogram> audiogram = parsed.map(AudiogramParser.Result::audiogram);
    if (parsed.isPresent()) {
      Audiogram a = parsed.get().audiogram();
      List<SourceSpan> used = parsed.get().sources();
      sentences.removeIf(
          d -> !d.sources().isEmpty() && d.sources().stream().allMatch(used::contains));
      sentences.add(
          new DraftSentence(
              Section.OBJECTIVE,
              "Audiogram thresholds: " + TemplateFields.describe(a),
              parsed.get().sources(),
              Optional.of("audiogram")));
      HearingAssessment.summary(a)
          .ifPresent(
              t ->
                  sentences.add(
                      new DraftSentence(
                          Section.ASSESSMENT,
                          t,
                          parsed.get().sources(),
                          Optional.of("hearingLossDegree"))));
    }
    sentences.sort(
        Comparator.comparing(DraftSentence::section)
            .thenComparingInt(
                d -> d.sources().isEmpty() ? Integer.MAX_VALUE : d.sources().get(0).start()));

    Map<String, String> fields = TemplateFields.fill(template, transcript, sentences, audiogram);
    TranscriptJudge judge =
        new TranscriptJudge(transcript, entities, audiogram, judgeNer::entities);
    List<SentenceCheck> checks = judge.check(sentences);
    List<String> missing = missingFields(template, fields);
    List<String> issues = new ArrayList<>(flags.join());
    issues.addAll(issues(sentences, checks, template, missing));
    boolean approved = checks.stream().allMatch(SentenceCheck::ok);
    issues.addAll(extraIssues);
    return new SoapDraft(
        template, sentences, fields, audiogram, checks, missing, approved, issues, engine);
  }

  /**
   * The judge on any sentences (an edited note): one check per sentence. Sentences without sources
   * are checked against the best-matching transcript passages.
   */
  public List<SentenceCheck> validate(String transcript, List<DraftSentence> sentences) {
    TranscriptCheck.require(transcript);
    List<ClinicalEntity> entities = nlp.entities(transcript);
    Optional<Audiogram> audiogram =
        AudiogramParser.parse(transcript).map(AudiogramParser.Result::audiogram);
    return new TranscriptJudge(transcript, entities, audiogram, judgeNer::entities)
        .check(sentences);
  }

  /** Keys of the template's required fields that are absent or blank in {@code fields}. */
  public List<String> missingFields(NoteTemplate template, Map<String, String> fields) {
    List<String> out = new ArrayList<>();
    for (TemplateField f : template.fields()) {
      String v = fields.get(f.key());
      if (f.required() && (v == null || v.isBlank())) {
        out.add(f.key());
      }
    }
    return out;
  }

  static List<String> issues(
      List<DraftSentence> sentences,
      List<SentenceCheck> checks,
      NoteTemplate template,
      List<String> missing) {
    List<String> out = new ArrayList<>();
    for (SentenceCheck c : checks) {
      if (!c.ok()) {
        DraftSentence s = sentences.get(c.index());
        out.add(
            c.verdict().name().toLowerCase(java.util.Locale.ROOT)
                + ": "
                + s.section().key()
                + " sentence "
                + (c.index() + 1)
                + " — "
                + c.reason());
      }
    }
    for (String key : missing) {
      out.add("missing field: " + template.field(key).map(TemplateField::label).orElse(key));
    }
    return out;
  }

  /**
   * Emergency and urgent warning signs in the transcript (nlp {@code RedFlagDetector}, published
   * triage criteria), most urgent first: "red flag (URGENT): Sudden hearing loss — …".
   */
  static List<String> redFlags(String transcript) {
    // what the patient (or a companion, or a dictation) says: a clinician's "to rule out a
    // stroke" is not a warning sign
    StringBuilder said = new StringBuilder();
    for (Utterance u : DialogueSplitter.utterances(transcript)) {
      if (u.speaker() != Speaker.CLINICIAN) {
        said.append(u.text()).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (RedFlag f : RedFlagDetector.standard().detect(said.toString())) {
      String step = f.nextSteps().isEmpty() ? "" : " — " + f.nextSteps().get(0);
      out.add("red flag (" + f.urgency() + "): " + f.name() + step);
    }
    return out;
  }

  private static Optional<DraftSentence> medicationList(List<ClinicalEntity> entities) {
    Map<String, List<SourceSpan>> meds = new LinkedHashMap<>();
    for (ClinicalEntity e : entities) {
      if (e.type() == ClinicalEntityType.MEDICATION
          && !e.negated()
          && !e.uncertain()
          && e.assertion().experiencer() == org.meditwin.nlp.ner.Assertion.Experiencer.PATIENT) {
        String name = e.text().strip();
        String key = name.toLowerCase(java.util.Locale.ROOT);
        String dose = e.attributes().getOrDefault("dose", "");
        String label = dose.isBlank() || name.contains(dose) ? name : name + " " + dose;
        meds.computeIfAbsent(key + "|" + label, k -> new ArrayList<>())
            .add(new SourceSpan(e.start(), e.end()));
      }
    }
    if (meds.isEmpty()) {
      return Optional.empty();
    }
    Map<String, List<SourceSpan>> byName = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (var en : meds.entrySet()) {
      String[] kl = en.getKey().split("\\|", 2);
      byName.computeIfAbsent(kl[0], k -> new ArrayList<>()).addAll(en.getValue());
      labels.merge(kl[0], kl[1], (a, b) -> a.length() >= b.length() ? a : b);
    }
    List<SourceSpan> spans = new ArrayList<>();
    byName.values().forEach(spans::addAll);
    spans.sort(Comparator.naturalOrder());
    return Optional.of(
        new DraftSentence(
            Section.SUBJECTIVE,
            "Medications mentioned: " + String.join(", ", labels.values()) + ".",
            spans,
            Optional.of("medications")));
  }

  private static String mask(String text, List<PiiSpan> spans) {
    String t = text;
    for (PiiSpan p : spans) {
      if (p.text().length() >= 3) {
        t = t.replace(p.text(), "[" + p.type().name() + "]");
      }
    }
    return t;
  }

  @Override
  public void close() {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.debug("closing SOAP resource failed: {}", e.toString());
      }
    }
  }
}
