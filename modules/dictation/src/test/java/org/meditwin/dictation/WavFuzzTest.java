package org.meditwin.dictation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mutated and random WAV bytes either decode or raise AudioFormatException — nothing else. */
class WavFuzzTest {
  @Test
  void mutatedWavFilesNeverThrowAnythingButAudioFormatException() {
    Random r = new Random(80);
    byte[][] seeds = {
      TestAudio.wav(1, 1, 16000, 16, TestAudio.tone16(16000, 1, 440, 0.05, 0.5)),
      TestAudio.wav(1, 2, 44100, 16, TestAudio.tone16(44100, 2, 440, 0.02, 0.5)),
      TestAudio.wav(3, 1, 8000, 32, new byte[400]),
      TestAudio.wav(1, 1, 22050, 24, new byte[300])
    };
    int decoded = 0;
    int rejected = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] w = seeds[r.nextInt(seeds.length)].clone();
      switch (r.nextInt(4)) {
        case 0 -> {
          for (int k = 0, n = 1 + r.nextInt(8); k < n; k++) {
            w[r.nextInt(w.length)] = (byte) r.nextInt(256);
          }
        }
        case 1 -> w = Arrays.copyOf(w, r.nextInt(w.length + 1));
        case 2 -> w[r.nextInt(Math.min(44, w.length))] = (byte) r.nextInt(256); // header field
        default -> {
          w = new byte[r.nextInt(200)];
          r.nextBytes(w);
          if (w.length >= 12 && r.nextBoolean()) {
            System.arraycopy("RIFF".getBytes(), 0, w, 0, 4);
            System.arraycopy("WAVE".getBytes(), 0, w, 8, 4);
          }
        }
      }
      try {
        AudioClip c = WavFiles.decode(w);
        assertThat(c.length()).isGreaterThanOrEqualTo(0);
        decoded++;
      } catch (AudioFormatException e) {
        assertThat(e.getMessage()).isNotBlank();
        rejected++;
      }
    }
    assertThat(decoded).isPositive();
    assertThat(rejected).isPositive();
  }
}
