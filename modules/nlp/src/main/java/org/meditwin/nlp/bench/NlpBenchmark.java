package org.meditwin.nlp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.meditwin.nlp.ClinicalNlp;
import org.meditwin.nlp.pii.DeidPolicy;
import org.meditwin.nlp.pii.Operator;
import org.meditwin.nlp.text.Tokenizer;

/**
 * Throughput of de-identification and clinical NER on a synthetic 2,000-word hearing-care note:
 * tokens per second, for the pipeline as loaded (rules only, or rules + models).
 */
public final class NlpBenchmark {
  private NlpBenchmark() {}

  /** One measured number. */
  public record Measurement(String name, double value, String unit) {}

  /** A synthetic (invented, no real patient) note of at least {@code words} words. */
  public static String syntheticNote(int words) {
    String[] paragraphs = {
      "Patient: Mr. Harold Whitfield, MRN 00482913, DOB 03/14/1951, seen on March 3, 2025 at"
          + " 1200 Lakeview Drive, Apt 4, Springfield. Phone (555) 201-3344, email"
          + " h.whitfield@example.org.",
      "Subjective: 74-year-old man reports constant bilateral tinnitus and difficulty hearing in"
          + " noisy restaurants for two years. Denies otalgia, otorrhea or vertigo. History of"
          + " noise exposure at work. Family history: mother had age-related hearing loss.",
      "Objective: Otoscopy clear bilaterally. Tympanometry type A AU. Audiogram shows bilateral"
          + " sensorineural hearing loss, PTA 45 dB HL right and 50 dB HL left, word recognition"
          + " score 84 percent. Possible otosclerosis on the left cannot be excluded.",
      "Medications: amlodipine 5 mg PO daily; atorvastatin 20 mg at bedtime; aspirin 81 mg"
          + " daily. Blood pressure 138/82, hemoglobin 13.9 g/dL, glucose 104 mg/dL.",
      "Assessment and plan: moderate sensorineural hearing loss with tinnitus. Hearing aid"
          + " fitting recommended; follow up with Dr. Alicia Moreno in six weeks. Referred to"
          + " ENT for MRI to rule out acoustic neuroma given asymmetry.",
    };
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (b.toString().split("\\s+").length < words) {
      b.append(paragraphs[i % paragraphs.length]).append("\n\n");
      i++;
    }
    return b.toString();
  }

  public static List<Measurement> run(ClinicalNlp nlp, int repeats, Consumer<Measurement> sink) {
    String note = syntheticNote(2000);
    int tokens = Tokenizer.tokenize(note).size();
    List<Measurement> out = new ArrayList<>();
    add(out, sink, new Measurement("note words", note.split("\\s+").length, "words"));
    add(out, sink, new Measurement("note tokens", tokens, "tokens"));
    // warm-up (class loading, encoder graph)
    nlp.deidentify(note, DeidPolicy.hipaaSafeHarbor(), Operator.TYPE, Optional.empty());
    nlp.entities(note);
    double deid = 0;
    double ner = 0;
    double both = 0;
    for (int r = 0; r < repeats; r++) {
      // a fresh copy each time: the shared encoder cache must not make the runs free
      String text = new String(note.toCharArray()) + " " + r;
      long t0 = System.nanoTime();
      nlp.deidentify(text, DeidPolicy.hipaaSafeHarbor(), Operator.TYPE, Optional.empty());
      long t1 = System.nanoTime();
      String text2 = new String(note.toCharArray()) + " x" + r;
      nlp.entities(text2);
      long t2 = System.nanoTime();
      String text3 = new String(note.toCharArray()) + " y" + r;
      nlp.deidentify(text3, DeidPolicy.hipaaSafeHarbor(), Operator.TYPE, Optional.empty());
      nlp.entities(text3);
      long t3 = System.nanoTime();
      deid += (t1 - t0) / 1e9;
      ner += (t2 - t1) / 1e9;
      both += (t3 - t2) / 1e9;
    }
    add(out, sink, new Measurement("de-identification", tokens * repeats / deid, "tokens/s"));
    add(out, sink, new Measurement("clinical NER + assertion", tokens * repeats / ner, "tokens/s"));
    add(
        out,
        sink,
        new Measurement(
            "de-id + NER of one note (encoded once)", tokens * repeats / both, "tokens/s"));
    add(
        out,
        sink,
        new Measurement("de-identification latency (2,000 words)", 1000 * deid / repeats, "ms"));
    add(
        out,
        sink,
        new Measurement("clinical NER latency (2,000 words)", 1000 * ner / repeats, "ms"));
    return out;
  }

  private static void add(List<Measurement> out, Consumer<Measurement> sink, Measurement m) {
    out.add(m);
    sink.accept(m);
  }
}
