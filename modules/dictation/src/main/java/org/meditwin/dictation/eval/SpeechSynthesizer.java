package org.meditwin.dictation.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.meditwin.dictation.AudioClip;
import org.meditwin.dictation.WavFiles;

/**
 * Synthetic test speech from CMU flite (Debian {@code flite}): text → WAV → 16 kHz clip. Only for
 * evaluation and benchmarks of SYNTHETIC dictations; the text is never patient data.
 */
public final class SpeechSynthesizer {
  private final String voice;

  public SpeechSynthesizer(String voice) {
    this.voice = voice;
  }

  /** Whether the flite binary runs here. */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("flite", "-lv").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public String voice() {
    return voice;
  }

  public AudioClip speak(String text) throws IOException {
    Path wav = Files.createTempFile("meditwin-tts", ".wav");
    try {
      Process p =
          new ProcessBuilder(List.of("flite", "-voice", voice, "-t", text, "-o", wav.toString()))
              .redirectErrorStream(true)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(
            "flite failed (install the Debian package flite): "
                + new String(out, java.nio.charset.StandardCharsets.UTF_8).strip());
      }
      return WavFiles.read(wav);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while synthesising speech", e);
    } finally {
      Files.deleteIfExists(wav);
    }
  }
}
