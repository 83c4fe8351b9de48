package org.meditwin.search.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A retrieval test collection in BEIR format: {@code corpus.jsonl} ({@code _id, title, text}),
 * {@code queries.jsonl} ({@code _id, text}) and a qrels TSV ({@code query-id corpus-id score} with
 * a header line). Only queries that have at least one relevant document are kept.
 */
public record BeirDataset(
    Map<String, CorpusDoc> corpus,
    Map<String, String> queries,
    Map<String, Map<String, Integer>> qrels) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public record CorpusDoc(String id, String title, String text) {}

  public BeirDataset {
    corpus = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(corpus));
    queries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queries));
    qrels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(qrels));
  }

  /**
   * Loads the three files.
   *
   * @throws IOException with the file and line number for malformed input
   */
  public static BeirDataset load(Path corpusFile, Path queriesFile, Path qrelsFile)
      throws IOException {
    Map<String, CorpusDoc> corpus = new LinkedHashMap<>();
    readJsonl(
        corpusFile,
        o -> {
          String id = required(o, "_id");
          corpus.put(id, new CorpusDoc(id, optional(o, "title"), optional(o, "text")));
        });
    Map<String, String> allQueries = new LinkedHashMap<>();
    readJsonl(queriesFile, o -> allQueries.put(required(o, "_id"), optional(o, "text")));
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(qrelsFile, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()
            || (n == 1 && line.toLowerCase(java.util.Locale.ROOT).startsWith("query"))) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length < 3) {
          throw new IOException(
              qrelsFile + ":" + n + ": expected query-id<TAB>corpus-id<TAB>score");
        }
        int score;
        try {
          score = Integer.parseInt(f[2].strip());
        } catch (NumberFormatException e) {
          throw new IOException(qrelsFile + ":" + n + ": score is not an integer", e);
        }
        if (score > 0) {
          qrels.computeIfAbsent(f[0].strip(), k -> new LinkedHashMap<>()).put(f[1].strip(), score);
        }
      }
    }
    Map<String, String> queries = new LinkedHashMap<>();
    for (var e : allQueries.entrySet()) {
      if (qrels.containsKey(e.getKey())) {
        queries.put(e.getKey(), e.getValue());
      }
    }
    qrels.keySet().retainAll(queries.keySet());
    return new BeirDataset(corpus, queries, qrels);
  }

  /** Writes the collection (qrels to {@code qrelsFile}). */
  public void write(Path corpusFile, Path queriesFile, Path qrelsFile) throws IOException {
    for (Path p : new Path[] {corpusFile, queriesFile, qrelsFile}) {
      if (p.getParent() != null) {
        Files.createDirectories(p.getParent());
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(corpusFile, StandardCharsets.UTF_8)) {
      for (CorpusDoc d : corpus.values()) {
        ObjectNode o =
            JSON.createObjectNode()
                .put("_id", d.id())
                .put("title", d.title())
                .put("text", d.text());
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(queriesFile, StandardCharsets.UTF_8)) {
      for (var q : queries.entrySet()) {
        w.write(
            JSON.writeValueAsString(
                JSON.createObjectNode().put("_id", q.getKey()).put("text", q.getValue())));
        w.write('\n');
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(qrelsFile, StandardCharsets.UTF_8)) {
      w.write("query-id\tcorpus-id\tscore\n");
      for (var q : qrels.entrySet()) {
        for (var d : q.getValue().entrySet()) {
          w.write(q.getKey() + "\t" + d.getKey() + "\t" + d.getValue() + "\n");
        }
      }
    }
  }

  private interface LineHandler {
    void accept(JsonNode o) throws IOException;
  }

  private static void readJsonl(Path file, LineHandler handler) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          handler.accept(JSON.readTree(line));
        } catch (IOException | RuntimeException e) {
          throw new IOException(file + ":" + n + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private static String required(JsonNode o, String field) throws IOException {
    JsonNode n = o.get(field);
    if (n == null || n.isNull() || n.asText().isBlank()) {
      throw new IOException("missing \"" + field + "\"");
    }
    return n.asText();
  }

  private static String optional(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? "" : Objects.toString(n.asText(), "");
  }
}
