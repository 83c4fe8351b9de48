package org.meditwin.dictation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.Test;

class MicrophoneSourceTest {
  @Test
  void failsWithAClearMessageWhenNoMicrophoneExists() {
    boolean present =
        AudioSystem.isLineSupported(
            new DataLine.Info(TargetDataLine.class, MicrophoneSource.FORMAT));
    assumeFalse(present, "this machine has a capture device; the no-device path cannot be shown");
    assertThatThrownBy(AudioSource::microphone)
        .isInstanceOf(AudioUnavailableException.class)
        .hasMessageContaining("No microphone is available")
        .hasMessageContaining("import a WAV file");
  }
}
