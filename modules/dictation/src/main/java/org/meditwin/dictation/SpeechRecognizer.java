package org.meditwin.dictation;

/**
 * One opened engine. Recognises one utterance at a time (callers segment with {@link
 * VoiceActivityDetector}); implementations serialise concurrent calls. Close to free native memory.
 */
public interface SpeechRecognizer extends AutoCloseable {

  /** Which engine this is. */
  Engine engine();

  /** A short description of the models in use (no personal data). */
  String describe();

  /** Lower-case words recognised in one utterance; empty when nothing was understood. */
  String recognize(AudioClip utterance) throws RecognitionException;

  @Override
  void close();
}
