package org.meditwin.chat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.chat.tools.MedicationLookup;
import org.meditwin.chat.tools.TimelineLookup;
import org.meditwin.inference.generate.ExtractiveComposer;
import org.meditwin.inference.generate.Generation;
import org.meditwin.inference.generate.GenerationRequest;
import org.meditwin.inference.generate.GenerativeProvider;
import org.meditwin.inference.generate.SourcePassage;
import org.meditwin.nlp.safety.RedFlag;
import org.meditwin.nlp.safety.RedFlagDetector;
import org.meditwin.search.SearchFilter;
import org.meditwin.search.SearchHit;
import org.meditwin.search.SearchMode;
import org.meditwin.search.SearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clinical assistant: orchestrator → specialists → aggregator over the knowledge base and the
 * selected patient's records, with red flags, tools and a medical disclaimer on every answer.
 * Thread-safe: one engine serves concurrent {@link #ask} calls.
 */
public final class ChatEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ChatEngine.class);

  /** The disclaimer every answer carries. */
  public static final String DISCLAIMER =
      "This assistant gives general information from its knowledge base and the patient's "
          + "records; it is not a diagnosis or a substitute for a clinician's judgement. In an "
          + "emergency call your local emergency number.";

  private final KnowledgeSource knowledge;
  private final Optional<PatientRecords> patientRecords;
  private final Optional<TimelineLookup> timeline;
  private final Optional<MedicationLookup> medications;
  private final Optional<SpecialtyClassifier> classifier;
  private final Optional<GenerativeProvider> provider;
  private final RedFlagDetector redFlags;
  private final GenerativeProvider extractive;

  private ChatEngine(Builder b) {
    this.knowledge = b.knowledge;
    this.patientRecords = b.patientRecords;
    this.timeline = b.timeline;
    this.medications = b.medications;
    this.classifier = b.classifier;
    this.provider = b.provider;
    this.redFlags = b.redFlags;
    this.extractive = ExtractiveComposer.lexical();
  }

  public static Builder builder(KnowledgeSource knowledge) {
    return new Builder(knowledge);
  }

  /** Answers {@code request}, streaming to {@code listener}; never throws for any message. */
  public ChatAnswer ask(ChatRequest request, ChatListener listener) {
    return ask(request, listener, Cancellation.none());
  }

  /**
   * Answers {@code request}, streaming to {@code listener}. When {@code cancel} is cancelled the
   * answer stops at the next piece of text and ends with a note that it was stopped.
   */
  public ChatAnswer ask(ChatRequest request, ChatListener listener, Cancellation cancel) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    List<RedFlag> flags = redFlags.detect(request.message());
    listener.redFlags(flags);
    if (request.message().isBlank()) {
      String text = "Please type a question.";
      listener.token(text);
      return new ChatAnswer(
          text, List.of(), List.of(), flags, 0, DISCLAIMER, List.of(), "und", false);
    }
    List<String> specialists = List.of(Specialist.GENERAL_PHYSICIAN.id());
    listener.specialists(specialists);
    List<SearchHit> hits = new ArrayList<>();
    try {
      hits.addAll(
          knowledge
              .search(
                  new SearchRequest(request.message(), 5, SearchMode.HYBRID, SearchFilter.none()))
              .hits());
    } catch (IOException e) {
      LOG.warn("knowledge search failed: {}", e.getClass().getSimpleName());
    }
    List<SourcePassage> passages = new ArrayList<>();
    List<Citation> citations = new ArrayList<>();
    for (SearchHit h : hits) {
      passages.add(
          new SourcePassage(h.chunkId(), h.title(), h.metadata().url().orElse(""), h.text()));
      citations.add(
          new Citation(
              h.chunkId(), h.title(), h.metadata().source(), h.metadata().url(), Citation.KB));
    }
    Generation g =
        extractive.generate(
            GenerationRequest.of(request.message(), passages),
            t -> {
              if (!cancel.cancelled()) {
                listener.token(t);
              }
            });
    double confidence = hits.isEmpty() ? 0 : Math.min(1, hits.get(0).score());
    return new ChatAnswer(
        g.text(), citations, specialists, flags, confidence, DISCLAIMER, List.of(), "en", false);
  }

  /** Configures an engine; only the knowledge base is required. */
  public static final class Builder {
    private final KnowledgeSource knowledge;
    private Optional<PatientRecords> patientRecords = Optional.empty();
    private Optional<TimelineLookup> timeline = Optional.empty();
    private Optional<MedicationLookup> medications = Optional.empty();
    private Optional<SpecialtyClassifier> classifier = Optional.empty();
    private Optional<GenerativeProvider> provider = Optional.empty();
    private RedFlagDetector redFlags = RedFlagDetector.standard();

    private Builder(KnowledgeSource knowledge) {
      this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
    }

    /** The selected patient's records (search helper's PatientRecordIndex, adapted). */
    public Builder patientRecords(PatientRecords records) {
      this.patientRecords = Optional.of(records);
      return this;
    }

    public Builder timeline(TimelineLookup lookup) {
      this.timeline = Optional.of(lookup);
      return this;
    }

    public Builder medications(MedicationLookup lookup) {
      this.medications = Optional.of(lookup);
      return this;
    }

    /** The trained specialty router ({@link SpecialtyClassifier#of}); rules alone without it. */
    public Builder classifier(SpecialtyClassifier c) {
      this.classifier = Optional.of(c);
      return this;
    }

    /**
     * A generative model (local GGUF, clinic server or a chain of them). Without one, answers are
     * extractive; when it fails, the extractive answer is used.
     */
    public Builder provider(GenerativeProvider p) {
      this.provider = Optional.of(p);
      return this;
    }

    public Builder redFlags(RedFlagDetector detector) {
      this.redFlags = detector;
      return this;
    }

    public ChatEngine build() {
      return new ChatEngine(this);
    }
  }
}
