package org.meditwin.app.soap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/** Speech to text for the pane: a WAV file or the microphone, with live partial text. */
public interface SpeechCapture extends AutoCloseable {

  /**
   * Transcribes a WAV file.
   *
   * @param partial each recognised utterance as soon as it is final (worker thread)
   * @param progress 0..1 of the audio read (worker thread)
   * @param cancelled polled between 100 ms blocks; stops early when true
   * @return the transcript text (blank when nothing was recognised)
   * @throws IOException corrupt, unsupported or unreadable audio (the message says which)
   */
  String transcribeWav(
      Path wav, Consumer<String> partial, DoubleConsumer progress, BooleanSupplier cancelled)
      throws Exception;

  /**
   * Dictates from the default microphone until {@code stop} is true (or 15 minutes).
   *
   * @throws IOException no microphone (an {@code AudioUnavailableException} saying so)
   */
  String dictate(Consumer<String> partial, BooleanSupplier stop) throws Exception;

  @Override
  void close();
}
