package org.meditwin.soap.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.train.ClassificationMetrics;
import org.meditwin.soap.DraftSentence;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.Section;
import org.meditwin.soap.SoapDraft;
import org.meditwin.soap.SoapPipeline;
import org.meditwin.soap.train.CsvReader;
import org.meditwin.soap.train.SectionCorpus;

/**
 * {@code ./run soap eval}: ROUGE-1/2/L of drafted full notes against the ACI-Bench valid reference
 * notes (plus the copy-the-transcript baseline on the same notes), and S/O/A/P section accuracy on
 * MTS-Dialog valid — of the section head on the reference summaries' sentences, and end to end
 * (dialogue → draft → majority section of the drafted sentences, weighted by length).
 */
public final class SoapEvaluation {
  private SoapEvaluation() {}

  /** Published ACI-Bench full-note ROUGE-1 anchors (test set 1, Yim et al. 2023). */
  public static final Map<String, Double> ANCHORS_R1 =
      Map.of("copy transcript", 32.84, "GPT-4", 51.76, "best fine-tuned (BART+FT)", 53.46);

  /** Mean ROUGE F1 (×100) over the notes. */
  public record RougeSummary(
      int notes, double rouge1, double rouge2, double rougeL, double rougeLsum) {}

  public record SectionAccuracy(int items, double accuracy, double macroF1) {}

  public record Result(
      String engine,
      RougeSummary draft,
      RougeSummary copyTranscript,
      SectionAccuracy headOnSummaries,
      SectionAccuracy endToEnd,
      double seconds,
      int aiApprovedNotes,
      double meanSupportedShare) {}

  public static Result run(SoapPipeline pipeline, Path dataDir, ProgressListener progress)
      throws IOException {
    long t0 = System.nanoTime();
    Path soap = dataDir.resolve("soap");
    List<Map<String, String>> aci = CsvReader.read(soap.resolve("aci-bench/valid.csv"));
    double[] sum = new double[4];
    double[] copy = new double[4];
    int approved = 0;
    double supported = 0;
    for (int i = 0; i < aci.size(); i++) {
      Map<String, String> row = aci.get(i);
      String dialogue = row.getOrDefault("dialogue", "");
      String reference = row.getOrDefault("note", "");
      SoapDraft d = pipeline.draft(dialogue, NoteTemplate.GENERAL);
      add(sum, Rouge.score(d.text(), reference));
      add(copy, Rouge.score(dialogue, reference));
      if (d.aiApproved()) {
        approved++;
      }
      supported +=
          d.checks().isEmpty()
              ? 1
              : d.checks().stream().filter(c -> c.ok()).count() / (double) d.checks().size();
      progress.progress(
          i + 1, aci.size() + 100, "ACI-Bench valid note " + (i + 1) + "/" + aci.size());
    }
    int n = aci.size();
    RougeSummary draft =
        new RougeSummary(n, 100 * sum[0] / n, 100 * sum[1] / n, 100 * sum[2] / n, 100 * sum[3] / n);
    RougeSummary base =
        new RougeSummary(
            n, 100 * copy[0] / n, 100 * copy[1] / n, 100 * copy[2] / n, 100 * copy[3] / n);

    List<String> labels = Arrays.stream(Section.values()).map(Section::key).toList();
    // head on the reference summaries' sentences
    List<SectionCorpus.Example> summaries =
        SectionCorpus.mtsDialog(
            soap.resolve("mts-dialog/MTS-Dialog-ValidationSet.csv"), "mts-dialog-valid");
    List<Section> predicted =
        pipeline.classifySentences(summaries.stream().map(SectionCorpus.Example::text).toList());
    int[] gold = summaries.stream().mapToInt(e -> e.section().ordinal()).toArray();
    int[] pred = predicted.stream().mapToInt(Enum::ordinal).toArray();
    ClassificationMetrics head = ClassificationMetrics.of(labels, gold, pred);

    // end to end on the dialogues
    List<Integer> g = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<Map<String, String>> mts =
        CsvReader.read(soap.resolve("mts-dialog/MTS-Dialog-ValidationSet.csv"));
    int k = 0;
    for (Map<String, String> row : mts) {
      k++;
      Optional<Section> label =
          SectionCorpus.mtsDialogSection(row.getOrDefault("section_header", ""));
      if (label.isEmpty()) {
        continue;
      }
      Section s = Section.SUBJECTIVE;
      try {
        SoapDraft d = pipeline.draft(row.getOrDefault("dialogue", ""), NoteTemplate.GENERAL);
        s = majority(d.sentences()).orElse(Section.SUBJECTIVE);
      } catch (org.meditwin.soap.TranscriptException e) {
        // a dialogue too short to draft counts as subjective (the majority class)
      }
      g.add(label.get().ordinal());
      p.add(s.ordinal());
      progress.progress(
          aci.size() + k,
          aci.size() + mts.size(),
          "MTS-Dialog valid dialogue " + k + "/" + mts.size());
    }
    ClassificationMetrics e2e =
        ClassificationMetrics.of(
            labels,
            g.stream().mapToInt(Integer::intValue).toArray(),
            p.stream().mapToInt(Integer::intValue).toArray());
    return new Result(
        pipeline.sectionModel(),
        draft,
        base,
        new SectionAccuracy(gold.length, head.accuracy(), head.macroF1()),
        new SectionAccuracy(g.size(), e2e.accuracy(), e2e.macroF1()),
        (System.nanoTime() - t0) / 1e9,
        approved,
        supported / n);
  }

  static Optional<Section> majority(List<DraftSentence> sentences) {
    Map<Section, Integer> weight = new EnumMap<>(Section.class);
    for (DraftSentence s : sentences) {
      weight.merge(s.section(), s.text().length(), Integer::sum);
    }
    return weight.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
  }

  private static void add(double[] acc, Rouge.Scores s) {
    acc[0] += s.rouge1().f1();
    acc[1] += s.rouge2().f1();
    acc[2] += s.rougeL().f1();
    acc[3] += s.rougeLsum().f1();
  }
}
