package org.meditwin.chatlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The JSON form of {@link AnswerRecord} in {@code chat_messages.answer_meta} (version 1). */
final class AnswerJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnswerJson() {}

  static String write(AnswerRecord a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", 1);
    ArrayNode cites = o.putArray("citations");
    for (AnswerRecord.Cited c : a.citations()) {
      ObjectNode n = cites.addObject();
      n.put("id", c.id());
      n.put("title", c.title());
      n.put("source", c.source());
      c.url().ifPresent(u -> n.put("url", u));
      n.put("kind", c.kind());
    }
    ArrayNode specialists = o.putArray("specialists");
    a.specialists().forEach(specialists::add);
    ArrayNode flags = o.putArray("redFlags");
    for (AnswerRecord.Flag f : a.redFlags()) {
      ObjectNode n = flags.addObject();
      n.put("id", f.id());
      n.put("name", f.name());
      n.put("urgency", f.urgency());
      ArrayNode steps = n.putArray("nextSteps");
      f.nextSteps().forEach(steps::add);
    }
    ArrayNode tools = o.putArray("tools");
    for (AnswerRecord.Tool t : a.tools()) {
      ObjectNode n = tools.addObject();
      n.put("tool", t.tool());
      ObjectNode in = n.putObject("inputs");
      t.inputs().forEach(in::put);
      n.put("result", t.result());
    }
    a.confidence().ifPresent(c -> o.put("confidence", c));
    o.put("disclaimer", a.disclaimer());
    o.put("language", a.language());
    o.put("answeredInEnglishOnly", a.answeredInEnglishOnly());
    o.put("stopped", a.stopped());
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("answer metadata is not serialisable", e);
    }
  }

  static AnswerRecord read(String json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored answer metadata is unreadable", e);
    }
    List<AnswerRecord.Cited> cites = new ArrayList<>();
    for (JsonNode n : o.path("citations")) {
      cites.add(
          new AnswerRecord.Cited(
              n.path("id").asText(),
              n.path("title").asText(),
              n.path("source").asText(),
              n.hasNonNull("url") ? Optional.of(n.get("url").asText()) : Optional.empty(),
              n.path("kind").asText("kb")));
    }
    List<String> specialists = new ArrayList<>();
    o.path("specialists").forEach(n -> specialists.add(n.asText()));
    List<AnswerRecord.Flag> flags = new ArrayList<>();
    for (JsonNode n : o.path("redFlags")) {
      List<String> steps = new ArrayList<>();
      n.path("nextSteps").forEach(s -> steps.add(s.asText()));
      flags.add(
          new AnswerRecord.Flag(
              n.path("id").asText(), n.path("name").asText(), n.path("urgency").asText(), steps));
    }
    List<AnswerRecord.Tool> tools = new ArrayList<>();
    for (JsonNode n : o.path("tools")) {
      Map<String, String> inputs = new LinkedHashMap<>();
      n.path("inputs").properties().forEach(e -> inputs.put(e.getKey(), e.getValue().asText()));
      tools.add(new AnswerRecord.Tool(n.path("tool").asText(), inputs, n.path("result").asText()));
    }
    return new AnswerRecord(
        cites,
        specialists,
        flags,
        tools,
        o.hasNonNull("confidence")
            ? OptionalDouble.of(o.get("confidence").asDouble())
            : OptionalDouble.empty(),
        o.path("disclaimer").asText(""),
        o.path("language").asText(""),
        o.path("answeredInEnglishOnly").asBoolean(false),
        o.path("stopped").asBoolean(false));
  }
}
