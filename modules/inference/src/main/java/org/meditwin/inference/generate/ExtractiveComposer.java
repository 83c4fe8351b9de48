package org.meditwin.inference.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meditwin.inference.embedding.EmbeddingService;

/**
 * Grounded extractive answers that always work offline: picks the source sentences most similar to
 * the question (bge cosine when an {@link EmbeddingService} is given, word overlap otherwise) and
 * returns them verbatim, each followed by its citation {@code [n]}. It never writes a word that is
 * not in a source, except the fixed message when nothing relevant is found.
 */
public final class ExtractiveComposer implements GenerativeProvider {
  public static final String NO_ANSWER =
      "The provided sources do not contain an answer to this question.";

  private static final Set<String> ABBREVIATIONS =
      Set.of("e.g", "i.e", "dr", "mr", "mrs", "ms", "vs", "etc", "approx", "no", "fig", "st");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> STOP =
      Set.of(
          "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "was",
          "were", "be", "been", "it", "its", "this", "that", "these", "those", "what", "which",
          "who", "how", "why", "when", "where", "do", "does", "did", "can", "could", "should",
          "would", "i", "my", "me", "you", "your", "we", "our", "they", "their", "he", "she", "his",
          "her", "as", "at", "by", "from", "about", "if", "not", "no", "there", "have", "has",
          "had", "will", "may", "might", "some", "any", "all", "more", "most", "other", "such",
          "than", "so", "also", "into", "out", "up", "over", "after", "before");

  private final Optional<EmbeddingService> embeddings;
  private final int maxSentences;
  private final double minEmbeddingScore;

  /**
   * @param embeddings optional semantic scorer
   * @param maxSentences sentences in an answer
   * @param minEmbeddingScore cosine below which a sentence with no shared content word is dropped
   */
  public ExtractiveComposer(
      Optional<EmbeddingService> embeddings, int maxSentences, double minEmbeddingScore) {
    this.embeddings = embeddings;
    this.maxSentences = maxSentences;
    this.minEmbeddingScore = minEmbeddingScore;
  }

  public static ExtractiveComposer lexical() {
    return new ExtractiveComposer(Optional.empty(), 4, 1.0);
  }

  @Override
  public String name() {
    return "extractive";
  }

  @Override
  public boolean available() {
    return true;
  }

  private record Candidate(int source, int position, String sentence, double score) {}

  @Override
  public Generation generate(GenerationRequest request, TokenSink sink) {
    List<Candidate> candidates = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    List<int[]> where = new ArrayList<>();
    for (int s = 0; s < request.sources().size(); s++) {
      List<String> split = sentences(request.sources().get(s).text());
      for (int p = 0; p < split.size(); p++) {
        sentences.add(split.get(p));
        where.add(new int[] {s, p});
      }
    }
    Set<String> q = contentWords(request.question());
    double[] semantic = new double[sentences.size()];
    if (embeddings.isPresent() && !sentences.isEmpty()) {
      EmbeddingService e = embeddings.get();
      float[] qv = e.embed(request.question());
      List<float[]> sv = e.embedAll(sentences);
      for (int i = 0; i < sv.size(); i++) {
        semantic[i] = EmbeddingService.cosine(qv, sv.get(i));
      }
    }
    for (int i = 0; i < sentences.size(); i++) {
      Set<String> w = contentWords(sentences.get(i));
      int shared = 0;
      for (String t : w) {
        if (q.contains(t)) {
          shared++;
        }
      }
      double lexical =
          w.isEmpty() || q.isEmpty() ? 0 : shared / Math.sqrt((double) w.size() * q.size());
      boolean relevant = shared > 0 || semantic[i] >= minEmbeddingScore;
      if (!relevant) {
        continue;
      }
      double score = embeddings.isPresent() ? 0.8 * semantic[i] + 0.2 * lexical : lexical;
      candidates.add(new Candidate(where.get(i)[0], where.get(i)[1], sentences.get(i), score));
    }
    candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
    List<Candidate> chosen =
        new ArrayList<>(candidates.subList(0, Math.min(maxSentences, candidates.size())));
    if (chosen.isEmpty()) {
      sink.token(NO_ANSWER);
      return new Generation(NO_ANSWER, name(), List.of(), true);
    }
    chosen.sort(Comparator.comparingInt(Candidate::source).thenComparingInt(Candidate::position));
    Map<Integer, Citation> citations = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    for (Candidate c : chosen) {
      SourcePassage src = request.sources().get(c.source());
      int n = c.source() + 1;
      citations.putIfAbsent(n, new Citation(n, src.id(), src.title(), src.url(), c.sentence()));
      String piece = (text.isEmpty() ? "" : " ") + c.sentence() + " [" + n + "]";
      text.append(piece);
      sink.token(piece);
    }
    return new Generation(text.toString(), name(), List.copyOf(citations.values()), true);
  }

  /** Splits text into trimmed sentences (periods inside abbreviations like "e.g." are kept). */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean end = c == '\n';
      if ((c == '.' || c == '!' || c == '?')
          && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1)))) {
        int j = i + 1;
        while (j < n && Character.isWhitespace(text.charAt(j))) {
          j++;
        }
        boolean nextStartsSentence =
            j == n
                || Character.isUpperCase(text.charAt(j))
                || Character.isDigit(text.charAt(j))
                || text.charAt(j) == '"';
        end = nextStartsSentence && !(c == '.' && abbreviationBefore(text, i));
      }
      if (end || i + 1 == n) {
        String s = text.substring(start, i + 1).strip();
        if (s.length() > 1 && WORD.matcher(s).find()) {
          out.add(s);
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static boolean abbreviationBefore(String text, int dot) {
    int k = dot;
    while (k > 0 && !Character.isWhitespace(text.charAt(k - 1))) {
      k--;
    }
    String word = text.substring(k, dot).toLowerCase(Locale.ROOT);
    return ABBREVIATIONS.contains(word)
        || (word.length() == 1 && Character.isLetter(word.charAt(0)));
  }

  static Set<String> contentWords(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (w.length() < 2 || STOP.contains(w)) {
        continue;
      }
      out.add(stem(w));
    }
    return out;
  }

  private static String stem(String w) {
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }
}
