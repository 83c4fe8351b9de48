package org.meditwin.dictation;

/**
 * Whether an engine can be used here, and why (for the UI and {@code ./run doctor}).
 *
 * @param engine the engine
 * @param available true when {@link Dictation#recognizer} can open it
 * @param detail what it uses, or why it is unavailable and how to fix that
 */
public record EngineStatus(Engine engine, boolean available, String detail) {}
