package org.meditwin.search.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.meditwin.search.KnowledgeBase;

/**
 * Builds a retrieval dev set from MedQuAD itself (exact recipe in the module README).
 *
 * <ol>
 *   <li>Group the answered pairs by lower-cased focus; keep focuses with at least two question
 *       types, so a query must distinguish e.g. symptoms from treatment of the same disease.
 *   <li>Order those focuses by a seeded hash and take the first {@code focusCount}; the corpus is
 *       every answer of those focuses ({@code _id = "mq<line>"}, title = focus, text = answer; the
 *       original question is NOT in the corpus).
 *   <li>One query per (focus, question type): a paraphrase from fixed templates per type that avoid
 *       the MedQuAD question wording, template picked by a hash of focus and type.
 *   <li>Relevant (score 1): every corpus answer with the same focus and question type (MedQuAD
 *       repeats some pairs across sources).
 *   <li>Split queries into dev and test halves by a hash of the query id.
 * </ol>
 */
public final class MedquadDevSet {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final Map<String, List<String>> TEMPLATES = templates();

  private MedquadDevSet() {}

  /** The dev set plus its dev/test query split. */
  public record Split(BeirDataset dataset, List<String> devQueryIds, List<String> testQueryIds) {
    /** Writes corpus.jsonl, queries.jsonl, qrels/dev.tsv, qrels/test.tsv and qrels/all.tsv. */
    public void write(Path dir) throws IOException {
      dataset.write(
          dir.resolve("corpus.jsonl"), dir.resolve("queries.jsonl"), dir.resolve("qrels/all.tsv"));
      subset(devQueryIds)
          .write(
              dir.resolve("corpus.jsonl"),
              dir.resolve("queries.jsonl"),
              dir.resolve("qrels/dev.tsv"));
      subset(testQueryIds)
          .write(
              dir.resolve("corpus.jsonl"),
              dir.resolve("queries.jsonl"),
              dir.resolve("qrels/test.tsv"));
    }

    private BeirDataset subset(List<String> ids) {
      Map<String, Map<String, Integer>> q = new LinkedHashMap<>();
      for (String id : ids) {
        q.put(id, dataset.qrels().get(id));
      }
      return new BeirDataset(dataset.corpus(), dataset.queries(), q);
    }
  }

  private record Entry(long line, String focus, String qtype, String answer) {}

  public static Split build(KnowledgeBase.Source source, int focusCount, long seed)
      throws IOException {
    Map<String, List<Entry>> byFocus = new TreeMap<>();
    Map<String, String> displayFocus = new TreeMap<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(source.open()), StandardCharsets.UTF_8))) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode o = JSON.readTree(line);
        String focus = o.path("focus").asText("").strip();
        String answer = o.path("answer").asText("").strip();
        if (focus.isEmpty() || answer.isEmpty()) {
          continue;
        }
        String key = focus.toLowerCase(Locale.ROOT);
        displayFocus.putIfAbsent(key, focus);
        byFocus
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(new Entry(n, focus, o.path("qtype").asText(""), answer));
      }
    }
    List<String> eligible = new ArrayList<>();
    for (var e : byFocus.entrySet()) {
      if (e.getValue().stream().map(Entry::qtype).distinct().count() >= 2) {
        eligible.add(e.getKey());
      }
    }
    eligible.sort(Comparator.comparingLong((String f) -> mix(seed, f)).thenComparing(f -> f));
    List<String> chosen = eligible.subList(0, Math.min(focusCount, eligible.size()));

    Map<String, BeirDataset.CorpusDoc> corpus = new LinkedHashMap<>();
    Map<String, String> queries = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    List<String> dev = new ArrayList<>();
    List<String> test = new ArrayList<>();
    for (String focusKey : chosen) {
      Map<String, List<String>> docsByType = new TreeMap<>();
      for (Entry e : byFocus.get(focusKey)) {
        String id = "mq" + e.line();
        corpus.put(id, new BeirDataset.CorpusDoc(id, e.focus(), e.answer()));
        docsByType.computeIfAbsent(e.qtype(), k -> new ArrayList<>()).add(id);
      }
      for (var t : docsByType.entrySet()) {
        List<String> templates = TEMPLATES.getOrDefault(t.getKey(), TEMPLATES.get("information"));
        String template =
            templates.get(
                (int)
                    Math.floorMod(
                        mix(seed + 1, focusKey + "|" + t.getKey()), (long) templates.size()));
        String qid = "q" + (queries.size() + 1);
        queries.put(qid, template.replace("{f}", displayFocus.get(focusKey)));
        Map<String, Integer> rel = new LinkedHashMap<>();
        t.getValue().forEach(d -> rel.put(d, 1));
        qrels.put(qid, rel);
        (Math.floorMod(mix(seed + 2, qid), 2L) == 0 ? dev : test).add(qid);
      }
    }
    return new Split(new BeirDataset(corpus, queries, qrels), dev, test);
  }

  /** 64-bit FNV-1a of the text, mixed with the seed (stable across JVMs, unlike hashCode). */
  static long mix(long seed, String text) {
    long h = 0xcbf29ce484222325L ^ seed * 0x9E3779B97F4A7C15L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    return h ^ (h >>> 29);
  }

  private static Map<String, List<String>> templates() {
    Map<String, List<String>> t = new LinkedHashMap<>();
    t.put(
        "information",
        List.of(
            "tell me about {f}",
            "explain {f} in simple terms",
            "{f} overview",
            "what does a diagnosis of {f} mean"));
    t.put(
        "symptoms",
        List.of(
            "signs of {f}",
            "how would I know if I have {f}",
            "{f} warning signs",
            "how does {f} show up"));
    t.put(
        "treatment",
        List.of(
            "how is {f} managed",
            "therapy options for {f}",
            "can {f} be cured",
            "medicines and procedures used for {f}"));
    t.put(
        "inheritance",
        List.of(
            "can parents pass {f} to their children",
            "is {f} passed down in families",
            "{f} inheritance pattern"));
    t.put("frequency", List.of("how common is {f}", "how many people get {f}", "{f} prevalence"));
    t.put(
        "genetic changes",
        List.of(
            "which genes are involved in {f}", "mutations that cause {f}", "{f} gene variants"));
    t.put("causes", List.of("why do people get {f}", "what leads to {f}", "origin of {f}"));
    t.put(
        "exams and tests",
        List.of(
            "how do doctors find out someone has {f}",
            "tests used for {f}",
            "{f} diagnosis workup"));
    t.put(
        "research",
        List.of("clinical trials on {f}", "new studies about {f}", "{f} ongoing scientific work"));
    t.put(
        "outlook",
        List.of("prognosis of {f}", "life expectancy with {f}", "will {f} get better over time"));
    t.put(
        "susceptibility",
        List.of("who tends to get {f}", "risk factors for {f}", "am I likely to develop {f}"));
    t.put(
        "considerations",
        List.of("what should I keep in mind about {f}", "{f} special considerations"));
    t.put(
        "prevention",
        List.of("can {f} be avoided", "ways to lower the chance of {f}", "{f} prevention tips"));
    t.put("stages", List.of("how is {f} staged", "phases of {f}", "{f} stage classification"));
    t.put(
        "complications",
        List.of(
            "problems caused by {f}", "{f} long-term complications", "what can go wrong with {f}"));
    t.put("support groups", List.of("where to find help for {f}", "{f} patient organisations"));
    return t;
  }
}
