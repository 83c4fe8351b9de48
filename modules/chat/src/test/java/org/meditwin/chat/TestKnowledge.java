package org.meditwin.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.meditwin.search.DocumentMetadata;
import org.meditwin.search.IndexDocument;
import org.meditwin.search.KnowledgeBase;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.SearchService;

/**
 * A BM25 index over the shipped MedQuAD entries of a few dozen topics (real knowledge-base text),
 * built once per test JVM, plus optional extra documents.
 */
final class TestKnowledge {
  private TestKnowledge() {}

  static final List<String> FOCUS_WORDS =
      List.of(
          "tinnitus",
          "hearing loss",
          "meniere",
          "otitis",
          "heart attack",
          "angina",
          "atrial fibrillation",
          "high blood pressure",
          "heart failure",
          "stroke",
          "migraine",
          "epilepsy",
          "osteoarthritis",
          "gout",
          "back pain",
          "osteoporosis",
          "diabetes",
          "influenza",
          "anaphylaxis",
          "meningitis",
          "carpal tunnel");

  private static SearchService shared;

  static synchronized SearchService shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("chat-kb");
        dir.toFile().deleteOnExit();
        shared = build(dir, List.of());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  static SearchService build(Path dir, List<IndexDocument> extra) throws IOException {
    SearchService s =
        SearchService.open(dir, new byte[32], Optional.empty(), SearchConfig.defaults());
    List<IndexDocument> docs = new ArrayList<>(medquad());
    docs.addAll(extra);
    s.upsertAll(docs, (done, total, msg) -> {});
    s.commit();
    return s;
  }

  static List<IndexDocument> medquad() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<IndexDocument> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(KnowledgeBase.Source.shipped().open()),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode o = json.readTree(line);
        String focus = o.path("focus").asText("");
        String f = focus.toLowerCase(Locale.ROOT);
        if (FOCUS_WORDS.stream().noneMatch(f::contains) || f.length() > 40) {
          continue;
        }
        out.add(
            new IndexDocument(
                o.path("qa_id").asText(),
                o.path("question").asText(focus),
                o.path("answer").asText(""),
                DocumentMetadata.knowledgeBase(
                    o.path("source").asText(""),
                    o.path("url").asText(""),
                    focus,
                    o.path("qtype").asText(""))));
      }
    }
    return out;
  }
}
