package org.meditwin.chat;

import java.util.Map;
import java.util.Objects;

/**
 * A tool the orchestrator ran for a message (function calling), shown with the answer.
 *
 * @param tool tool name, e.g. {@code bmi}, {@code symptom_checker}, {@code timeline_lookup}
 * @param inputs the arguments it was called with, in call order
 * @param result what it returned, as text
 */
public record ToolCall(String tool, Map<String, String> inputs, String result) {
  public ToolCall {
    Objects.requireNonNull(tool, "tool");
    inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    result = result == null ? "" : result;
  }
}
