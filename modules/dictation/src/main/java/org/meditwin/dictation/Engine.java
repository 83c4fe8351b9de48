package org.meditwin.dictation;

import java.util.Locale;
import java.util.Optional;

/** Speech-to-text engines, in the order automatic selection prefers them. */
public enum Engine {
  /** whisper.cpp through whisper-jni; needs a ggml model file in {@code models/asr-whisper/}. */
  WHISPER,
  /** Kaldi through Vosk; needs a Vosk model folder in {@code models/asr-vosk/}. */
  VOSK,
  /** CMU pocketsphinx from the operating system (Debian), the built-in offline default. */
  POCKETSPHINX;

  /** Lower-case name used on the command line and in JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()} (case-insensitive). */
  public static Optional<Engine> parse(String id) {
    for (Engine e : values()) {
      if (e.id().equalsIgnoreCase(id.strip())) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
