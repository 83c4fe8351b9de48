package org.meditwin.dictation.lm;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Interpolated Kneser-Ney n-gram language model (Chen &amp; Goodman 1998, one discount per order D
 * = n1 / (n1 + 2 n2)), written in ARPA format for pocketsphinx. Lower orders use continuation
 * counts except for n-grams starting with {@code <s>}, which keep their real counts. In ARPA the
 * stored probability of a seen n-gram is the interpolated one and the back-off weight of a context
 * is its interpolation weight γ(h), so both forms give identical probabilities.
 */
public final class KneserNeyBuilder {
  public static final String BOS = "<s>";
  public static final String EOS = "</s>";
  public static final String UNK = "<unk>";

  private final int order;
  private final List<Map<String, Integer>> raw = new ArrayList<>();

  public KneserNeyBuilder(int order) {
    if (order < 1 || order > 5) {
      throw new IllegalArgumentException("order must be 1..5");
    }
    this.order = order;
    for (int k = 0; k < order; k++) {
      raw.add(new HashMap<>());
    }
  }

  /** Adds one sentence (words without boundary markers). */
  public void add(List<String> words) {
    List<String> s = new ArrayList<>(words.size() + 2);
    s.add(BOS);
    s.addAll(words);
    s.add(EOS);
    for (int i = 0; i < s.size(); i++) {
      for (int k = 1; k <= order && i + k <= s.size(); k++) {
        if (k == 1 && i == 0) {
          continue; // <s> is never predicted
        }
        raw.get(k - 1).merge(String.join(" ", s.subList(i, i + k)), 1, Integer::sum);
      }
    }
  }

  /** The built model. */
  public Model build() {
    // adjusted counts: continuation counts below the top order (real counts after <s>)
    List<Map<String, Integer>> cnt = new ArrayList<>();
    for (int k = 1; k <= order; k++) {
      Map<String, Integer> c = new HashMap<>();
      if (k == order) {
        c.putAll(raw.get(k - 1));
      } else {
        for (Map.Entry<String, Integer> e : raw.get(k - 1).entrySet()) {
          if (e.getKey().startsWith(BOS + " ") || e.getKey().equals(BOS)) {
            c.put(e.getKey(), e.getValue());
          }
        }
        for (String longer : raw.get(k).keySet()) {
          String suffix = longer.substring(longer.indexOf(' ') + 1);
          if (!suffix.startsWith(BOS)) {
            c.merge(suffix, 1, Integer::sum);
          }
        }
      }
      cnt.add(c);
    }
    double[] discount = new double[order];
    for (int k = 0; k < order; k++) {
      long n1 = cnt.get(k).values().stream().filter(v -> v == 1).count();
      long n2 = cnt.get(k).values().stream().filter(v -> v == 2).count();
      double d = n1 + 2 * n2 == 0 ? 0.5 : n1 / (double) (n1 + 2 * n2);
      discount[k] = Math.min(0.95, Math.max(0.05, d));
    }
    // vocabulary: predicted words (unigrams) plus <unk>
    Map<String, Integer> uni = cnt.get(0);
    uni.putIfAbsent(UNK, 0);
    double total = uni.values().stream().mapToInt(Integer::intValue).sum();
    long types = uni.values().stream().filter(v -> v > 0).count();
    List<Map<String, Double>> prob = new ArrayList<>();
    List<Map<String, Double>> bow = new ArrayList<>();
    Map<String, Double> p1 = new HashMap<>();
    for (Map.Entry<String, Integer> e : uni.entrySet()) {
      p1.put(
          e.getKey(),
          Math.max(e.getValue() - discount[0], 0) / total
              + discount[0] * types / total / uni.size());
    }
    prob.add(p1);
    for (int k = 2; k <= order; k++) {
      Map<String, Integer> c = cnt.get(k - 1);
      Map<String, Double> ctxTotal = new HashMap<>();
      Map<String, Integer> ctxTypes = new HashMap<>();
      for (Map.Entry<String, Integer> e : c.entrySet()) {
        String h = e.getKey().substring(0, e.getKey().lastIndexOf(' '));
        ctxTotal.merge(h, (double) e.getValue(), Double::sum);
        ctxTypes.merge(h, 1, Integer::sum);
      }
      Map<String, Double> gamma = new HashMap<>();
      for (String h : ctxTotal.keySet()) {
        gamma.put(h, discount[k - 1] * ctxTypes.get(h) / ctxTotal.get(h));
      }
      Map<String, Double> pk = new HashMap<>();
      for (Map.Entry<String, Integer> e : c.entrySet()) {
        String g = e.getKey();
        String h = g.substring(0, g.lastIndexOf(' '));
        String lower = g.substring(g.indexOf(' ') + 1);
        double pl = lowerProb(prob, bow, lower);
        pk.put(
            g, Math.max(e.getValue() - discount[k - 1], 0) / ctxTotal.get(h) + gamma.get(h) * pl);
      }
      bow.add(gamma); // back-off weights of (k-1)-grams
      prob.add(pk);
    }
    return new Model(order, prob, bow, discount);
  }

  /** p(w | h) from the orders built so far, backing off through γ. */
  private static double lowerProb(
      List<Map<String, Double>> prob, List<Map<String, Double>> bow, String gram) {
    int k = gram.split(" ").length;
    Double p = k <= prob.size() ? prob.get(k - 1).get(gram) : null;
    if (p != null) {
      return p;
    }
    if (k == 1) {
      return prob.get(0).get(UNK);
    }
    String h = gram.substring(0, gram.lastIndexOf(' '));
    Double g = k - 1 <= bow.size() ? bow.get(k - 2).get(h) : null;
    return (g == null ? 1.0 : g) * lowerProb(prob, bow, gram.substring(gram.indexOf(' ') + 1));
  }

  /** A built model: probabilities per order, back-off weights of contexts, discounts. */
  public record Model(
      int order,
      List<Map<String, Double>> prob,
      List<Map<String, Double>> bow,
      double[] discounts) {

    /** p(word | history), history of any length (the last order-1 words are used). */
    public double probability(List<String> history, String word) {
      List<String> h = history.subList(Math.max(0, history.size() - (order - 1)), history.size());
      String gram = h.isEmpty() ? word : String.join(" ", h) + " " + word;
      return lowerProb(prob, bow, gram);
    }

    /** Predicted vocabulary (every unigram, including {@code </s>} and {@code <unk>}). */
    public java.util.Set<String> vocabulary() {
      return prob.get(0).keySet();
    }

    /** Number of n-grams of each order (order 1 includes {@code <s>}). */
    public int[] sizes() {
      int[] s = new int[order];
      for (int k = 0; k < order; k++) {
        s[k] = prob.get(k).size() + (k == 0 ? 1 : 0);
      }
      return s;
    }

    /** Writes ARPA text, n-grams sorted for reproducible files. */
    public void writeArpa(Writer w) throws IOException {
      int[] sizes = sizes();
      w.write("\\data\\\n");
      for (int k = 0; k < order; k++) {
        w.write("ngram " + (k + 1) + "=" + sizes[k] + "\n");
      }
      for (int k = 0; k < order; k++) {
        w.write("\n\\" + (k + 1) + "-grams:\n");
        Map<String, Double> sorted = new TreeMap<>(prob.get(k));
        if (k == 0) {
          sorted.put(BOS, 0.0);
        }
        Map<String, Double> b = k < bow.size() ? bow.get(k) : Map.of();
        for (Map.Entry<String, Double> e : sorted.entrySet()) {
          String lp = e.getKey().equals(BOS) ? "-99" : fmt(Math.log10(e.getValue()));
          w.write(lp + "\t" + e.getKey());
          Double g = b.get(e.getKey());
          if (k < order - 1 && g != null) {
            w.write("\t" + fmt(Math.log10(g)));
          }
          w.write("\n");
        }
      }
      w.write("\n\\end\\\n");
    }

    private static String fmt(double v) {
      return String.format(Locale.ROOT, "%.6f", v);
    }
  }
}
