package org.meditwin.chatlog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What an assistant answer carried besides its text, kept so that a reopened session shows the same
 * citations, specialists, red flags, tools and confidence. Stored as JSON with the message.
 *
 * @param confidence 0..1 when the engine gave one
 * @param stopped true when the user stopped the answer before it finished
 */
public record AnswerRecord(
    List<Cited> citations,
    List<String> specialists,
    List<Flag> redFlags,
    List<Tool> tools,
    OptionalDouble confidence,
    String disclaimer,
    String language,
    boolean answeredInEnglishOnly,
    boolean stopped) {

  /** A source the answer cites: {@code kind} is {@code kb} or {@code patient}. */
  public record Cited(String id, String title, String source, Optional<String> url, String kind) {
    public Cited {
      Objects.requireNonNull(id, "id");
      title = title == null ? "" : title;
      source = source == null ? "" : source;
      url = url == null ? Optional.empty() : url;
      kind = kind == null ? "kb" : kind;
    }
  }

  /** A red flag found in the question; {@code urgency} is EMERGENCY or URGENT. */
  public record Flag(String id, String name, String urgency, List<String> nextSteps) {
    public Flag {
      Objects.requireNonNull(id, "id");
      name = name == null ? id : name;
      urgency = urgency == null ? "URGENT" : urgency;
      nextSteps = List.copyOf(nextSteps);
    }
  }

  /** A tool the orchestrator ran, with its inputs and result. */
  public record Tool(String tool, Map<String, String> inputs, String result) {
    public Tool {
      Objects.requireNonNull(tool, "tool");
      inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
      result = result == null ? "" : result;
    }
  }

  public AnswerRecord {
    citations = List.copyOf(citations);
    specialists = List.copyOf(specialists);
    redFlags = List.copyOf(redFlags);
    tools = List.copyOf(tools);
    confidence = confidence == null ? OptionalDouble.empty() : confidence;
    disclaimer = disclaimer == null ? "" : disclaimer;
    language = language == null ? "" : language;
  }
}
