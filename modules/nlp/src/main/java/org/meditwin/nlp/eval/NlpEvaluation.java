package org.meditwin.nlp.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.meditwin.nlp.ClinicalNlp;
import org.meditwin.nlp.ner.ClinicalEntity;
import org.meditwin.nlp.pii.DeidPolicy;
import org.meditwin.nlp.pii.PiiSpan;
import org.meditwin.nlp.pii.PiiType;
import org.meditwin.nlp.text.Token;
import org.meditwin.nlp.text.Tokenizer;
import org.meditwin.nlp.train.Corpora;
import org.meditwin.nlp.train.EntityMetrics;
import org.meditwin.nlp.train.LabeledSentence;

/**
 * Dev-set evaluation of the whole pipeline (rules + models): PII detection on the held-out
 * templates of the Presidio synthetic set (token level, per type, with F2), clinical NER on the
 * NCBI-disease and BC5CDR devel splits (strict entity level).
 */
public final class NlpEvaluation {
  /** Presidio gold types → our types; types absent here are out of scope (not scored). */
  public static final Map<String, PiiType> GOLD_TYPES =
      Map.ofEntries(
          Map.entry("PERSON", PiiType.PERSON),
          Map.entry("STREET_ADDRESS", PiiType.LOCATION),
          Map.entry("GPE", PiiType.LOCATION),
          Map.entry("ZIP_CODE", PiiType.LOCATION),
          Map.entry("DATE_TIME", PiiType.DATE),
          Map.entry("AGE", PiiType.AGE),
          Map.entry("PHONE_NUMBER", PiiType.PHONE),
          Map.entry("EMAIL_ADDRESS", PiiType.EMAIL),
          Map.entry("DOMAIN_NAME", PiiType.URL),
          Map.entry("IP_ADDRESS", PiiType.IP_ADDRESS),
          Map.entry("CREDIT_CARD", PiiType.CREDIT_CARD),
          Map.entry("US_SSN", PiiType.US_SSN),
          Map.entry("IBAN_CODE", PiiType.IBAN),
          Map.entry("US_DRIVER_LICENSE", PiiType.LICENSE_NUMBER));

  /** Presidio types not scored: not identifiers under HIPAA Safe Harbor. */
  public static final List<String> OUT_OF_SCOPE = List.of("ORGANIZATION", "TITLE", "NRP");

  private NlpEvaluation() {}

  /**
   * PII metrics on word tokens.
   *
   * @param typed per-type scores (a token counts for a type when predicted with that type)
   * @param masked any-type scores: was each PII token masked at all (what protects privacy)
   */
  public record PiiReport(
      int samples, List<EntityMetrics.Score> typed, EntityMetrics.Score masked) {}

  public static PiiReport evaluatePii(ClinicalNlp nlp, Path presidioFile) throws IOException {
    EntityMetrics typed = new EntityMetrics();
    EntityMetrics masked = new EntityMetrics();
    int samples = 0;
    for (Corpora.SynthSample s : Corpora.readPresidio(presidioFile)) {
      if (!Corpora.isPresidioDev(s)) {
        continue;
      }
      samples++;
      List<PiiSpan> pred = nlp.detectPii(s.text(), DeidPolicy.strict());
      for (Token t : Tokenizer.tokenize(s.text())) {
        if (!t.isWord()) {
          continue;
        }
        String goldRaw = null;
        for (Corpora.GoldSpan g : s.spans()) {
          if (t.start() < g.end() && g.start() < t.end()) {
            goldRaw = g.type();
          }
        }
        PiiType gold = goldRaw == null ? null : GOLD_TYPES.get(goldRaw);
        PiiType p = null;
        for (PiiSpan ps : pred) {
          if (t.start() < ps.end() && ps.start() < t.end()) {
            p = ps.type() == PiiType.FAX ? PiiType.PHONE : ps.type();
          }
        }
        if (goldRaw != null && gold == null) {
          continue; // out-of-scope gold type: neither credit nor penalty
        }
        if (gold != null) {
          typed.addCounts(gold.name(), gold == p ? 1 : 0, 0, gold == p ? 0 : 1);
          masked.addCounts("PII", p != null ? 1 : 0, 0, p != null ? 0 : 1);
        }
        if (p != null && p != gold) {
          typed.addCounts(p.name(), 0, 1, 0);
        }
        if (p != null && gold == null) {
          masked.addCounts("PII", 0, 1, 0);
        }
      }
    }
    return new PiiReport(samples, typed.scores(), masked.score("PII"));
  }

  /** Strict entity-level NER scores on one devel corpus. */
  public record NerReport(String corpus, int sentences, List<EntityMetrics.Score> scores) {}

  /**
   * Runs the pipeline on the first {@code limit} sentences of a devel file. Our DISEASE and SYMPTOM
   * map to the corpora's Disease, MEDICATION to Chemical; types a corpus does not annotate are not
   * scored.
   */
  public static NerReport evaluateNer(
      ClinicalNlp nlp, String corpus, Path tsv, List<String> types, int limit) throws IOException {
    List<LabeledSentence> sentences = Corpora.readColumns(tsv, types);
    if (sentences.size() > limit) {
      sentences = sentences.subList(0, limit);
    }
    EntityMetrics m = new EntityMetrics();
    for (LabeledSentence s : sentences) {
      StringBuilder text = new StringBuilder();
      int[] starts = new int[s.words().size()];
      int[] ends = new int[s.words().size()];
      for (int i = 0; i < starts.length; i++) {
        if (i > 0) {
          text.append(' ');
        }
        starts[i] = text.length();
        text.append(s.words().get(i));
        ends[i] = text.length();
      }
      Set<String> pred = new HashSet<>();
      for (ClinicalEntity e : nlp.entities(text.toString())) {
        String type =
            switch (e.type()) {
              case DISEASE, SYMPTOM -> "Disease";
              case MEDICATION -> "Chemical";
              default -> null;
            };
        if (type == null || !types.contains(type)) {
          continue;
        }
        int from = -1;
        int to = -1;
        for (int i = 0; i < starts.length; i++) {
          if (from < 0 && ends[i] > e.start()) {
            from = i;
          }
          if (starts[i] < e.end()) {
            to = i + 1;
          }
        }
        if (from >= 0 && to > from) {
          pred.add(type + "|" + from + "|" + to);
        }
      }
      m.add(EntityMetrics.bioSpans(s.tags()), pred);
    }
    return new NerReport(corpus, sentences.size(), m.scores());
  }

  /** A Markdown table of scores. */
  public static String table(List<EntityMetrics.Score> scores, boolean withF2) {
    StringBuilder b = new StringBuilder();
    b.append(
        withF2
            ? "| type | precision | recall | F1 | F2 | support |\n|---|---|---|---|---|---|\n"
            : "| type | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
    for (EntityMetrics.Score s : scores) {
      if (s.support() == 0 && s.fp() == 0) {
        continue;
      }
      b.append(
          String.format(
              Locale.ROOT,
              withF2
                  ? "| %s | %.3f | %.3f | %.3f | %.3f | %d |\n"
                  : "| %s | %.3f | %.3f | %.3f | %d |\n",
              withF2
                  ? new Object[] {s.type(), s.precision(), s.recall(), s.f1(), s.f2(), s.support()}
                  : new Object[] {s.type(), s.precision(), s.recall(), s.f1(), s.support()}));
    }
    return b.toString();
  }

  /** Every report as Markdown. */
  public static String markdown(PiiReport pii, List<NerReport> ner) {
    StringBuilder b = new StringBuilder();
    b.append("### PII detection, presidio-synth held-out templates (")
        .append(pii.samples())
        .append(" samples, word tokens, strict policy)\n\n");
    List<EntityMetrics.Score> rows = new ArrayList<>(pii.typed());
    b.append(table(rows, true));
    EntityMetrics.Score m = pii.masked();
    b.append(
        String.format(
            Locale.ROOT,
            "\nMasked at all (any type): precision %.3f, recall %.3f, F2 %.3f (%d PII tokens)\n",
            m.precision(),
            m.recall(),
            m.f2(),
            m.support()));
    for (NerReport r : ner) {
      b.append("\n### Clinical NER, ")
          .append(r.corpus())
          .append(" (")
          .append(r.sentences())
          .append(" sentences, strict entity match)\n\n")
          .append(table(r.scores(), false));
    }
    return b.toString();
  }
}
