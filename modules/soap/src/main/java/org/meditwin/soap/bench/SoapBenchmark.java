package org.meditwin.soap.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.SoapDraft;
import org.meditwin.soap.SoapPipeline;
import org.meditwin.soap.train.CsvReader;

/**
 * {@code ./run bench soap}: time to draft a note from a 1,500-word visit transcript (ACI-Bench
 * valid dialogues concatenated turn by turn and cut at the first turn past 1,500 words), median of
 * timed runs after warm-up, plus pipeline load time.
 */
public final class SoapBenchmark {
  private SoapBenchmark() {}

  public record Result(
      String engine,
      int words,
      int sentences,
      double loadSeconds,
      double medianMillis,
      double minMillis,
      double maxMillis,
      int runs,
      int cores,
      boolean nlpModels,
      double targetMillis) {
    public boolean meetsTarget() {
      return medianMillis < targetMillis;
    }
  }

  /** A transcript of about {@code words} words from the ACI-Bench valid dialogues. */
  public static String transcript(Path dataDir, int words) throws IOException {
    List<Map<String, String>> rows = CsvReader.read(dataDir.resolve("soap/aci-bench/valid.csv"));
    StringBuilder sb = new StringBuilder();
    int count = 0;
    for (Map<String, String> row : rows) {
      for (String line : row.getOrDefault("dialogue", "").split("\\R")) {
        if (line.isBlank()) {
          continue;
        }
        sb.append(line.strip()).append('\n');
        count += line.strip().split("\\s+").length;
        if (count >= words) {
          return sb.toString();
        }
      }
    }
    return sb.toString();
  }

  public static Result run(Path modelsDir, Path dataDir, SoapPipeline.Options options, int runs)
      throws IOException {
    String t = transcript(dataDir, 1500);
    int words = t.split("\\s+").length;
    long l0 = System.nanoTime();
    try (SoapPipeline p = SoapPipeline.load(modelsDir, options)) {
      double load = (System.nanoTime() - l0) / 1e9;
      SoapDraft d = p.draft(t, NoteTemplate.GENERAL);
      p.draft(t, NoteTemplate.HEARING);
      List<Double> ms = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long s = System.nanoTime();
        p.draft(t, i % 2 == 0 ? NoteTemplate.GENERAL : NoteTemplate.HEARING);
        ms.add((System.nanoTime() - s) / 1e6);
      }
      double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double median =
          v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      return new Result(
          d.engine(),
          words,
          d.sentences().size(),
          load,
          median,
          v[0],
          v[v.length - 1],
          runs,
          Runtime.getRuntime().availableProcessors(),
          options.nlpModels(),
          3000);
    }
  }

  static double median(double[] v) {
    double[] s = Arrays.copyOf(v, v.length);
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
