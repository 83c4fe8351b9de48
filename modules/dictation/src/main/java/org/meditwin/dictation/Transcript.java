package org.meditwin.dictation;

import java.util.List;

/**
 * The result of a dictation.
 *
 * @param text all utterances joined by single spaces
 * @param engine engine that produced it
 * @param audioSeconds duration of the audio
 * @param processingSeconds wall time spent recognising (real-time factor = this / audio)
 * @param utterances per-segment text and timing
 */
public record Transcript(
    String text,
    Engine engine,
    double audioSeconds,
    double processingSeconds,
    List<Utterance> utterances) {
  public Transcript {
    utterances = List.copyOf(utterances);
  }

  /** Processing time divided by audio time; below 1 is faster than real time. */
  public double realTimeFactor() {
    return audioSeconds > 0 ? processingSeconds / audioSeconds : 0;
  }
}
