package org.meditwin.inference.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.TokenFeatures;

/**
 * Token-classification training rows: each word's label is attached to the encoder state of its
 * first word piece (later pieces and special tokens are not trained on), the usual BERT recipe.
 */
public final class TokenClassificationData {
  private TokenClassificationData() {}

  /** One sentence with a BIO tag per word. */
  public record Sentence(List<String> words, List<String> tags) {
    public Sentence {
      if (words.size() != tags.size() || words.isEmpty()) {
        throw new IllegalArgumentException("a sentence needs one tag per word");
      }
      words = List.copyOf(words);
      tags = List.copyOf(tags);
    }
  }

  /** Reads {@code token<TAB>tag} lines, blank line between sentences (NCBI-disease, BC5CDR). */
  public static List<Sentence> readTsv(Path file, int limit) throws IOException {
    List<Sentence> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        if (!words.isEmpty()) {
          out.add(new Sentence(words, tags));
          words = new ArrayList<>();
          tags = new ArrayList<>();
          if (out.size() >= limit) {
            return out;
          }
        }
        continue;
      }
      String[] parts = line.split("\t");
      if (parts.length >= 2) {
        words.add(parts[0]);
        tags.add(parts[parts.length - 1]);
      }
    }
    if (!words.isEmpty() && out.size() < limit) {
      out.add(new Sentence(words, tags));
    }
    return out;
  }

  /** Sorted label set with {@code O} first. */
  public static List<String> labels(List<Sentence> sentences) {
    TreeSet<String> set = new TreeSet<>();
    sentences.forEach(s -> set.addAll(s.tags()));
    List<String> out = new ArrayList<>();
    if (set.remove("O")) {
      out.add("O");
    }
    out.addAll(set);
    return out;
  }

  /** Index of the first word piece of every word, -1 for words cut off by truncation. */
  public static int[] firstPieceOfWord(TokenFeatures f, int words) {
    int[] first = new int[words];
    java.util.Arrays.fill(first, -1);
    for (int t = 0; t < f.length(); t++) {
      long w = f.wordIds()[t];
      if (w >= 0 && w < words && first[(int) w] < 0) {
        first[(int) w] = t;
      }
    }
    return first;
  }

  public static HeadTrainer.Rows rows(
      List<Sentence> sentences, BgeEncoder encoder, List<String> labels) {
    List<float[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (Sentence s : sentences) {
      TokenFeatures f = encoder.tokenFeatures(s.words().toArray(String[]::new));
      int[] first = firstPieceOfWord(f, s.words().size());
      for (int w = 0; w < first.length; w++) {
        int label = labels.indexOf(s.tags().get(w));
        if (first[w] >= 0 && label >= 0) {
          x.add(f.features()[first[w]]);
          y.add(label);
        }
      }
    }
    return new HeadTrainer.Rows(
        x.toArray(float[][]::new), y.stream().mapToInt(Integer::intValue).toArray());
  }
}
