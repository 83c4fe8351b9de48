package org.meditwin.nlp.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shipped vignette set that specifies the detector: emergencies in clinical and lay wording and
 * look-alike non-emergencies (negated, historical, someone else's past, hypothetical, benign
 * mimics). {@link #evaluate} reports recall (every expected flag found) and the false-positive rate
 * (any flag on a non-emergency).
 */
public final class RedFlagVignettes {
  static final String RESOURCE = "/org/meditwin/nlp/safety/vignettes.tsv";

  private RedFlagVignettes() {}

  /**
   * One vignette.
   *
   * @param expected flag ids that must all fire; empty for a non-emergency
   */
  public record Vignette(String category, Set<String> expected, String text) {
    public boolean emergency() {
      return !expected.isEmpty();
    }
  }

  /**
   * Result over the set.
   *
   * @param recall emergencies whose expected flags all fired / emergencies
   * @param falsePositiveRate non-emergencies with any flag / non-emergencies
   * @param missed emergencies not (fully) detected, with what fired
   * @param falsePositives non-emergencies that fired, with what fired
   */
  public record Report(
      int emergencies,
      int nonEmergencies,
      double recall,
      double falsePositiveRate,
      List<String> missed,
      List<String> falsePositives) {
    public Report {
      missed = List.copyOf(missed);
      falsePositives = List.copyOf(falsePositives);
    }
  }

  public static List<Vignette> load() {
    try (InputStream in = RedFlagVignettes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("vignette set missing from the class path: " + RESOURCE);
      }
      List<Vignette> out = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", 3);
        if (cols.length != 3) {
          throw new IllegalStateException("bad vignette line: " + line);
        }
        Set<String> expected =
            "-".equals(cols[1].strip())
                ? Set.of()
                : Arrays.stream(cols[1].split(","))
                    .map(String::strip)
                    .collect(Collectors.toUnmodifiableSet());
        out.add(new Vignette(cols[0].strip(), expected, cols[2].strip()));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Report evaluate(RedFlagDetector detector) {
    return evaluate(detector, load());
  }

  public static Report evaluate(RedFlagDetector detector, List<Vignette> vignettes) {
    int pos = 0;
    int neg = 0;
    int hit = 0;
    int fp = 0;
    List<String> missed = new ArrayList<>();
    List<String> falsePositives = new ArrayList<>();
    for (Vignette v : vignettes) {
      Set<String> fired =
          detector.detect(v.text()).stream().map(RedFlag::id).collect(Collectors.toSet());
      if (v.emergency()) {
        pos++;
        if (fired.containsAll(v.expected())) {
          hit++;
        } else {
          missed.add(v.text() + " → expected " + v.expected() + ", got " + fired);
        }
      } else {
        neg++;
        if (!fired.isEmpty()) {
          fp++;
          falsePositives.add(v.text() + " → " + fired);
        }
      }
    }
    return new Report(
        pos,
        neg,
        pos == 0 ? 1 : (double) hit / pos,
        neg == 0 ? 0 : (double) fp / neg,
        missed,
        falsePositives);
  }
}
