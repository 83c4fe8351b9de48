package org.meditwin.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.meditwin.soap.Audiogram;
import org.meditwin.soap.DraftSentence;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.Section;
import org.meditwin.soap.SentenceCheck;
import org.meditwin.soap.SoapDraft;
import org.meditwin.soap.SourceSpan;
import org.meditwin.soap.Verdict;

/**
 * SoapDraft ⇄ JSON (format 1), written field by field so that the stored form does not depend on
 * how the soap module's records evolve. Map keys are sorted, so equal drafts give equal bytes and
 * the same SHA-256.
 */
final class NoteContentCodec {
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private NoteContentCodec() {}

  static String encode(SoapDraft d) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("template", d.template().name());
    root.put("engine", d.engine());
    root.put("aiApproved", d.aiApproved());
    ArrayNode sentences = root.putArray("sentences");
    for (DraftSentence s : d.sentences()) {
      ObjectNode n = sentences.addObject();
      n.put("section", s.section().name());
      n.put("text", s.text());
      ArrayNode spans = n.putArray("sources");
      for (SourceSpan span : s.sources()) {
        spans.addArray().add(span.start()).add(span.end());
      }
      s.fieldKey().ifPresent(k -> n.put("fieldKey", k));
    }
    ObjectNode fields = root.putObject("fields");
    new TreeMap<>(d.fields()).forEach(fields::put);
    d.audiogram()
        .ifPresent(
            a -> {
              ObjectNode an = root.putObject("audiogram");
              thresholds(an.putObject("rightAir"), a.rightAir());
              thresholds(an.putObject("leftAir"), a.leftAir());
              thresholds(an.putObject("rightBone"), a.rightBone());
              thresholds(an.putObject("leftBone"), a.leftBone());
            });
    ArrayNode checks = root.putArray("checks");
    for (SentenceCheck c : d.checks()) {
      checks
          .addObject()
          .put("index", c.index())
          .put("verdict", c.verdict().name())
          .put("reason", c.reason());
    }
    ArrayNode missing = root.putArray("missingFields");
    d.missingFields().forEach(missing::add);
    ArrayNode issues = root.putArray("issues");
    d.issues().forEach(issues::add);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("note content could not be serialised", e);
    }
  }

  private static void thresholds(ObjectNode node, Map<String, Integer> values) {
    new TreeMap<>(values).forEach(node::put);
  }

  static SoapDraft decode(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored note content is not valid JSON", e);
    }
    int format = root.path("format").asInt(-1);
    if (format != FORMAT) {
      throw new IllegalStateException("unknown note content format " + format);
    }
    NoteTemplate template = NoteTemplate.valueOf(root.path("template").asText());
    List<DraftSentence> sentences = new ArrayList<>();
    for (JsonNode n : root.path("sentences")) {
      List<SourceSpan> spans = new ArrayList<>();
      for (JsonNode span : n.path("sources")) {
        spans.add(new SourceSpan(span.get(0).asInt(), span.get(1).asInt()));
      }
      sentences.add(
          new DraftSentence(
              Section.valueOf(n.path("section").asText()),
              n.path("text").asText(),
              spans,
              n.hasNonNull("fieldKey")
                  ? Optional.of(n.get("fieldKey").asText())
                  : Optional.empty()));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    root.path("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
    Optional<Audiogram> audiogram = Optional.empty();
    if (root.has("audiogram")) {
      JsonNode a = root.get("audiogram");
      audiogram =
          Optional.of(
              new Audiogram(
                  thresholds(a.path("rightAir")),
                  thresholds(a.path("leftAir")),
                  thresholds(a.path("rightBone")),
                  thresholds(a.path("leftBone"))));
    }
    List<SentenceCheck> checks = new ArrayList<>();
    for (JsonNode c : root.path("checks")) {
      checks.add(
          new SentenceCheck(
              c.path("index").asInt(),
              Verdict.valueOf(c.path("verdict").asText()),
              c.path("reason").asText()));
    }
    return new SoapDraft(
        template,
        sentences,
        fields,
        audiogram,
        checks,
        strings(root.path("missingFields")),
        root.path("aiApproved").asBoolean(false),
        strings(root.path("issues")),
        root.path("engine").asText(""));
  }

  private static Map<String, Integer> thresholds(JsonNode node) {
    Map<String, Integer> values = new LinkedHashMap<>();
    node.properties().forEach(e -> values.put(e.getKey(), e.getValue().asInt()));
    return values;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An empty draft of a template: what a note holds before the pipeline or the user fills it. */
  static SoapDraft empty(NoteTemplate template) {
    return new SoapDraft(
        template,
        List.of(),
        Map.of(),
        Optional.empty(),
        List.of(),
        List.of(),
        false,
        List.of(),
        "");
  }
}
