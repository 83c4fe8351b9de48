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

  /** The smallest published ggml model (tiny, q5) is about 31 MB. */
  static final long MIN_MODEL_BYTES = 16L << 20;

  private static boolean libraryLoaded;

  /** The 11 int32 hyper-parameters after the magic, as whisper.cpp reads them. */
  static boolean plausibleHeader(byte[] head) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int vocab = b.getInt(4);
    int audioCtx = b.getInt(8);
    int audioState = b.getInt(12);
    int audioHead = b.getInt(16);
    int audioLayer = b.getInt(20);
    int textCtx = b.getInt(24);
    int textState = b.getInt(28);
    int textHead = b.getInt(32);
    int textLayer = b.getInt(36);
    int mels = b.getInt(40);
    int ftype = b.getInt(44);
    java.util.Set<Integer> widths = java.util.Set.of(384, 512, 768, 1024, 1280);
    return vocab >= 51864
        && vocab <= 51866
        && audioCtx == 1500
        && textCtx == 448
        && widths.contains(audioState)
        && widths.contains(textState)
        && audioHead >= 1
        && audioHead <= 32
        && textHead >= 1
        && textHead <= 32
        && audioLayer >= 1
        && audioLayer <= 64
        && textLayer >= 1
        && textLayer <= 64
        && (mels == 80 || mels == 128)
        && ftype >= 0
        && ftype % 1000 <= 20;
  }

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
      byte[] head = in.readNBytes(48);
      if (head.length < 4
          || !java.util.Arrays.equals(java.util.Arrays.copyOf(head, 4), GGML_MAGIC)) {
        return "not a whisper.cpp ggml model: " + f.get().getFileName();
      }
      // whisper.cpp aborts the whole process on implausible hyper-parameters: check them first
      if (head.length < 48 || !plausibleHeader(head) || Files.size(f.get()) < MIN_MODEL_BYTES) {
        return "corrupt or truncated Whisper model: " + f.get().getFileName();
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
