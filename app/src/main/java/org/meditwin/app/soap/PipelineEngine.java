package org.meditwin.app.soap;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.meditwin.core.MediTwinException;
import org.meditwin.soap.DraftSentence;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.SentenceCheck;
import org.meditwin.soap.SoapDraft;
import org.meditwin.soap.SoapPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SoapEngine} over modules/soap's {@link SoapPipeline}. When the trained section head is not
 * installed the pane still drafts, with the rule-based pipeline; every draft names its engine
 * ("extractive (rules)"), so the clinician sees which one wrote it.
 */
final class PipelineEngine implements SoapEngine {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);

  private final SoapPipeline pipeline;

  PipelineEngine(SoapPipeline pipeline) {
    this.pipeline = pipeline;
  }

  static SoapEngine load(Path modelsDir) {
    try {
      return new PipelineEngine(SoapPipeline.load(modelsDir));
    } catch (MediTwinException e) {
      LOG.warn("SOAP section model unavailable, drafting with rules: {}", e.userMessage());
      return new PipelineEngine(SoapPipeline.rulesOnly());
    }
  }

  static SoapEngine rulesOnly() {
    return new PipelineEngine(SoapPipeline.rulesOnly());
  }

  @Override
  public SoapDraft draft(String transcript, NoteTemplate template) {
    return pipeline.draft(transcript, template);
  }

  @Override
  public List<SentenceCheck> validate(String transcript, List<DraftSentence> sentences) {
    return pipeline.validate(transcript, sentences);
  }

  @Override
  public List<String> missingFields(NoteTemplate template, Map<String, String> fields) {
    return pipeline.missingFields(template, fields);
  }
}
