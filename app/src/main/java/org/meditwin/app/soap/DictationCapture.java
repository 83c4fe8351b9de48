package org.meditwin.app.soap;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.meditwin.dictation.AudioClip;
import org.meditwin.dictation.AudioSource;
import org.meditwin.dictation.Dictation;
import org.meditwin.dictation.DictationConfig;
import org.meditwin.dictation.Engine;
import org.meditwin.dictation.RecognitionException;
import org.meditwin.dictation.WavFiles;

/**
 * {@link SpeechCapture} over modules/dictation: the preferred engine (Whisper or Vosk when their
 * model is in {@code models/}, else pocketsphinx with the hearing-care model), live utterances.
 */
final class DictationCapture implements SpeechCapture {
  private static final Duration MAX = Duration.ofMinutes(15);

  private final Path modelsDir;
  private Dictation dictation;

  DictationCapture(Path modelsDir) {
    this.modelsDir = modelsDir;
  }

  private synchronized Dictation dictation() {
    if (dictation == null) {
      dictation = Dictation.create(DictationConfig.defaults(modelsDir));
    }
    return dictation;
  }

  private Engine engine() throws RecognitionException {
    Dictation d = dictation();
    return d.preferredEngine()
        .orElseThrow(
            () ->
                new RecognitionException(
                    "No speech engine is available: " + d.status(Engine.POCKETSPHINX).detail()));
  }

  @Override
  public String transcribeWav(
      Path wav, Consumer<String> partial, DoubleConsumer progress, BooleanSupplier cancelled)
      throws Exception {
    AudioClip clip = WavFiles.read(wav);
    Engine engine = engine();
    try (AudioSource source = new ClipSource(clip, progress, cancelled)) {
      return dictation().dictate(source, engine, MAX, u -> partial.accept(u.text())).text();
    }
  }

  @Override
  public String dictate(Consumer<String> partial, BooleanSupplier stop) throws Exception {
    Engine engine = engine();
    try (AudioSource mic = AudioSource.microphone();
        AudioSource source = new StoppableSource(mic, stop)) {
      return dictation().dictate(source, engine, MAX, u -> partial.accept(u.text())).text();
    }
  }

  @Override
  public synchronized void close() {
    if (dictation != null) {
      dictation.close();
      dictation = null;
    }
  }

  /** A decoded clip read in blocks, reporting how much was read; ends early when cancelled. */
  private static final class ClipSource implements AudioSource {
    private final short[] samples;
    private final DoubleConsumer progress;
    private final BooleanSupplier cancelled;
    private int pos;

    ClipSource(AudioClip clip, DoubleConsumer progress, BooleanSupplier cancelled) {
      this.samples = clip.samples();
      this.progress = progress;
      this.cancelled = cancelled;
    }

    @Override
    public int read(short[] buffer) {
      if (pos >= samples.length || cancelled.getAsBoolean()) {
        return -1;
      }
      int n = Math.min(buffer.length, samples.length - pos);
      System.arraycopy(samples, pos, buffer, 0, n);
      pos += n;
      progress.accept(samples.length == 0 ? 1 : pos / (double) samples.length);
      return n;
    }

    @Override
    public String description() {
      return "WAV file";
    }

    @Override
    public void close() {}
  }

  private static final class StoppableSource implements AudioSource {
    private final AudioSource inner;
    private final BooleanSupplier stop;

    StoppableSource(AudioSource inner, BooleanSupplier stop) {
      this.inner = inner;
      this.stop = stop;
    }

    @Override
    public int read(short[] buffer) throws IOException {
      return stop.getAsBoolean() ? -1 : inner.read(buffer);
    }

    @Override
    public String description() {
      return inner.description();
    }

    @Override
    public void close() {}
  }
}
