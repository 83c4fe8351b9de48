package org.meditwin.dictation;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CMU pocketsphinx 5prealpha (Debian {@code libpocketsphinx3}) through JNA. One decoder per
 * instance; calls are serialised because a decoder is not thread-safe.
 */
final class PocketSphinxRecognizer implements SpeechRecognizer {

  /** The C API we call (pocketsphinx.h and sphinxbase's cmd_ln.h). */
  interface PocketSphinxLib extends Library {
    Pointer ps_args();

    Pointer ps_init(Pointer config);

    int ps_start_utt(Pointer ps);

    int ps_process_raw(Pointer ps, short[] data, NativeLong samples, int noSearch, int fullUtt);

    int ps_end_utt(Pointer ps);

    String ps_get_hyp(Pointer ps, IntByReference bestScore);

    int ps_free(Pointer ps);
  }

  interface SphinxBaseLib extends Library {
    Pointer cmd_ln_init(Pointer inout, Pointer defn, int strict, Object... args);

    int cmd_ln_free_r(Pointer config);
  }

  private static final String[] LIB_DIRS = {
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/usr/lib64",
    "/usr/lib",
    "/usr/local/lib"
  };

  private static volatile Libraries libraries;

  record Libraries(PocketSphinxLib ps, SphinxBaseLib base) {}

  /** The acoustic model, dictionary and language model one decoder uses. */
  record Models(Path acousticModel, Path dictionary, Path languageModel, String label) {}

  private final Models models;
  private Pointer config;
  private Pointer decoder;

  private PocketSphinxRecognizer(Models models, Pointer config, Pointer decoder) {
    this.models = models;
    this.config = config;
    this.decoder = decoder;
  }

  /** Loads the native libraries once; a clear message when the Debian packages are missing. */
  static synchronized Libraries libraries() throws RecognitionException {
    if (libraries != null) {
      return libraries;
    }
    try {
      SphinxBaseLib base =
          Native.load(find("libsphinxbase.so.3", "sphinxbase"), SphinxBaseLib.class);
      PocketSphinxLib ps =
          Native.load(find("libpocketsphinx.so.3", "pocketsphinx"), PocketSphinxLib.class);
      libraries = new Libraries(ps, base);
      return libraries;
    } catch (UnsatisfiedLinkError e) {
      throw new RecognitionException(
          "pocketsphinx is not installed (install the Debian packages pocketsphinx"
              + " pocketsphinx-en-us libpocketsphinx3): "
              + e.getMessage(),
          e);
    }
  }

  private static String find(String soname, String fallback) {
    for (String dir : LIB_DIRS) {
      Path p = Path.of(dir, soname);
      if (Files.isReadable(p)) {
        return p.toString();
      }
    }
    return fallback;
  }

  /** Checks the files a decoder needs, naming the first missing one. */
  static void check(Models m) throws RecognitionException {
    for (Path p : List.of(m.acousticModel().resolve("mdef"), m.dictionary(), m.languageModel())) {
      if (!Files.isReadable(p)) {
        throw new RecognitionException(
            "pocketsphinx model file is missing: "
                + p
                + " (install the Debian package pocketsphinx-en-us)");
      }
    }
  }

  static PocketSphinxRecognizer open(Models m) throws RecognitionException {
    check(m);
    Libraries lib = libraries();
    List<Object> args = new ArrayList<>();
    for (String s :
        new String[] {
          "-hmm", m.acousticModel().toString(),
          "-dict", m.dictionary().toString(),
          "-lm", m.languageModel().toString(),
          "-logfn", "/dev/null"
        }) {
      args.add(s);
    }
    args.add(null);
    Pointer cfg = lib.base().cmd_ln_init(null, lib.ps().ps_args(), 1, args.toArray());
    if (cfg == null) {
      throw new RecognitionException("pocketsphinx rejected its configuration (" + m.label() + ")");
    }
    Pointer ps = lib.ps().ps_init(cfg);
    if (ps == null) {
      lib.base().cmd_ln_free_r(cfg);
      throw new RecognitionException(
          "pocketsphinx could not load its models (" + m.label() + "); check " + m.languageModel());
    }
    return new PocketSphinxRecognizer(m, cfg, ps);
  }

  @Override
  public Engine engine() {
    return Engine.POCKETSPHINX;
  }

  @Override
  public String describe() {
    return "pocketsphinx (" + models.label() + ")";
  }

  @Override
  public synchronized String recognize(AudioClip utterance) throws RecognitionException {
    if (decoder == null) {
      throw new RecognitionException("pocketsphinx recognizer is closed");
    }
    PocketSphinxLib ps = libraries.ps();
    short[] s = utterance.samples();
    if (ps.ps_start_utt(decoder) < 0) {
      throw new RecognitionException("pocketsphinx could not start an utterance");
    }
    int r = ps.ps_process_raw(decoder, s, new NativeLong(s.length), 0, 1);
    ps.ps_end_utt(decoder);
    if (r < 0) {
      throw new RecognitionException("pocketsphinx failed on the audio");
    }
    String hyp = ps.ps_get_hyp(decoder, new IntByReference());
    if (hyp == null) {
      return "";
    }
    // alternates are written word(2) in the dictionary
    return hyp.replaceAll("\\(\\d+\\)", "").strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public synchronized void close() {
    if (decoder != null) {
      libraries.ps().ps_free(decoder);
      libraries.base().cmd_ln_free_r(config);
      decoder = null;
      config = null;
    }
  }
}
