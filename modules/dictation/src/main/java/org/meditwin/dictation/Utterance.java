package org.meditwin.dictation;

/** Recognised text of one voice-activity segment, with its position in the audio (seconds). */
public record Utterance(double start, double end, String text) {}
