package org.meditwin.dictation;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** whisper.cpp through whisper-jni; the model is a ggml {@code .bin} file (e.g. ggml-base.en). */
final class WhisperRecognizer implements SpeechRecognizer {
  /** "ggml" magic as whisper.cpp writes it (little-endian 0x67676d6c). */
  private static final byte[] GGML_MAGIC = {0x6c, 0x6d, 0x67, 0x67};

  private static boolean libraryLoaded;

  private final Path file;
  private final WhisperJNI whisper;
  private WhisperContext context;

  private WhisperRecognizer(Path file, WhisperJNI whisper, WhisperContext context) {
    this.file = file;
    this.whisper = whisper;
    this.context = context;
  }

  /** The first {@code *.bin} in the folder, in name order. */
  static Optional<Path> modelFile(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.bin")) {
      Path best = null;
      for (Path p : ds) {
        if (best == null
            || p.getFileName().toString().compareTo(best.getFileName().toString()) < 0) {
          best = p;
        }
      }
      return Optional.ofNullable(best);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Why the folder holds no usable model, or empty text when it does. */
  static String problem(Path folder) {
    Optional<Path> f = modelFile(folder);
    if (f.isEmpty()) {
      return "no Whisper model: place a ggml model file (e.g. ggml-base.en.bin from"
          + " huggingface.co/ggerganov/whisper.cpp) in "
          + folder;
    }
    try (InputStream in = Files.newInputStream(f.get())) {
      byte[] magic = in.readNBytes(4);
      if (!java.util.Arrays.equals(magic, GGML_MAGIC)) {
        return "not a whisper.cpp ggml model: " + f.get().getFileName();
      }
    } catch (IOException e) {
      return "cannot read Whisper model " + f.get().getFileName() + ": " + e.getMessage();
    }
    return "";
  }

  static WhisperRecognizer open(Path folder) throws RecognitionException {
    String problem = problem(folder);
    if (!problem.isEmpty()) {
      throw new RecognitionException(problem);
    }
    Path file = modelFile(folder).orElseThrow();
    try {
      synchronized (WhisperRecognizer.class) {
        if (!libraryLoaded) {
          WhisperJNI.loadLibrary();
          WhisperJNI.setLibraryLogger(null);
          libraryLoaded = true;
        }
      }
      WhisperJNI whisper = new WhisperJNI();
      return new WhisperRecognizer(file, whisper, whisper.init(file));
    } catch (IOException | UnsatisfiedLinkError e) {
      throw new RecognitionException(
          "Whisper could not load " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Engine engine() {
    return Engine.WHISPER;
  }

  @Override
  public String describe() {
    return "Whisper (" + file.getFileName() + ")";
  }

  @Override
  public synchronized String recognize(AudioClip utterance) throws RecognitionException {
    if (context == null) {
      throw new RecognitionException("Whisper recognizer is closed");
    }
    short[] s = utterance.samples();
    float[] f = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      f[i] = s[i] / 32768f;
    }
    WhisperFullParams params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
    params.language = "en";
    params.translate = false;
    params.printProgress = false;
    params.nThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    int rc = whisper.full(context, params, f, f.length);
    if (rc != 0) {
      throw new RecognitionException("Whisper failed on the audio (code " + rc + ")");
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < whisper.fullNSegments(context); i++) {
      text.append(whisper.fullGetSegmentText(context, i)).append(' ');
    }
    return text.toString()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9' ]", " ")
        .replaceAll("\\s+", " ")
        .strip();
  }

  @Override
  public synchronized void close() {
    if (context != null) {
      whisper.free(context);
      context = null;
    }
  }
}
