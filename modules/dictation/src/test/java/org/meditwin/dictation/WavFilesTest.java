package org.meditwin.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFilesTest {
  @TempDir Path dir;

  @Test
  void keeps16kMono16BitSamplesExactly() throws Exception {
    AudioClip clip = new AudioClip(new short[] {0, 1, -1, 32767, -32768, 1234});
    assertThat(WavFiles.decode(WavFiles.encode(clip))).isEqualTo(clip);
  }

  @Test
  void resamplesCommonRatesKeepingPitchAndLevel() throws Exception {
    for (int rate : new int[] {8000, 11025, 22050, 44100, 48000}) {
      AudioClip c =
          WavFiles.decode(TestAudio.wav(1, 1, rate, 16, TestAudio.tone16(rate, 1, 440, 1.0, 0.5)));
      assertThat(c.seconds())
          .as("duration at %d Hz", rate)
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
      assertThat(TestAudio.crossingsPerSecond(c))
          .as("pitch at %d Hz", rate)
          .isBetween(870.0, 890.0);
      short[] s = c.samples();
      assertThat(TestAudio.rms(s, 1600, s.length - 1600))
          .as("level at %d Hz", rate)
          .isBetween(0.33, 0.38);
    }
  }

  @Test
  void downsamplingRemovesContentAboveTheNewNyquist() throws Exception {
    // a 12 kHz tone cannot exist at 16 kHz: it must be filtered, not aliased to 4 kHz
    AudioClip c =
        WavFiles.decode(
            TestAudio.wav(1, 1, 48000, 16, TestAudio.tone16(48000, 1, 12000, 0.5, 0.5)));
    short[] s = c.samples();
    assertThat(TestAudio.rms(s, 800, s.length - 800)).isLessThan(0.01);
  }

  @Test
  void mixesStereoToMono() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 1000).putShort((short) 3000).putShort((short) -2000).putShort((short) 0);
    AudioClip c = WavFiles.decode(TestAudio.wav(1, 2, 16000, 16, b.array()));
    assertThat(c.samples()).containsExactly((short) 2000, (short) -1000);
  }

  @Test
  void reads8And24And32BitPcmAndFloat() throws Exception {
    assertThat(
            WavFiles.decode(TestAudio.wav(1, 1, 16000, 8, new byte[] {(byte) 128, (byte) 192, 64}))
                .samples())
        .containsExactly((short) 0, (short) 16384, (short) -16384);
    assertThat(WavFiles.decode(TestAudio.wav(1, 1, 16000, 24, new byte[] {0, 0, 0x40})).samples())
        .containsExactly((short) 16384);
    ByteBuffer i32 =
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MIN_VALUE);
    assertThat(WavFiles.decode(TestAudio.wav(1, 1, 16000, 32, i32.array())).samples())
        .containsExactly((short) -32768);
    ByteBuffer f32 =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(Float.NaN);
    assertThat(WavFiles.decode(TestAudio.wav(3, 1, 16000, 32, f32.array())).samples())
        .containsExactly((short) 8192, (short) 0);
    ByteBuffer f64 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(-0.5);
    assertThat(WavFiles.decode(TestAudio.wav(3, 1, 16000, 64, f64.array())).samples())
        .containsExactly((short) -16384);
  }

  @Test
  void readsFliteOutputAt8kHz() throws Exception {
    AudioClip c = WavFiles.read(Path.of(getClass().getResource("otoscopy-kal8k.wav").toURI()));
    assertThat(c.seconds()).isBetween(1.5, 3.5);
  }

  @Test
  void toleratesAPlaceholderDataLengthFromStreamingWriters() throws Exception {
    byte[] w = TestAudio.wav(1, 1, 16000, 16, TestAudio.tone16(16000, 1, 440, 0.1, 0.5));
    ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0x7FFFF000);
    assertThat(WavFiles.decode(w).length()).isEqualTo(1600);
  }

  @Test
  void rejectsCorruptAndUnsupportedFilesWithClearMessages() {
    assertThatThrownBy(() -> WavFiles.decode(new byte[0]))
        .isInstanceOf(AudioFormatException.class)
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> WavFiles.decode("ID3\u0003 this is an mp3 file".getBytes()))
        .hasMessageContaining("not a WAV file");
    byte[] rf64 = TestAudio.wav(1, 1, 16000, 16, new byte[4]);
    rf64[0] = 'R';
    rf64[1] = 'F';
    rf64[2] = '6';
    rf64[3] = '4';
    assertThatThrownBy(() -> WavFiles.decode(rf64)).hasMessageContaining("RF64");
    assertThatThrownBy(() -> WavFiles.decode(TestAudio.wav(85, 1, 16000, 16, new byte[4])))
        .hasMessageContaining("unsupported WAV encoding");
    assertThatThrownBy(() -> WavFiles.decode(TestAudio.wav(1, 0, 16000, 16, new byte[4])))
        .hasMessageContaining("channels");
    assertThatThrownBy(() -> WavFiles.decode(TestAudio.wav(1, 1, 1000, 16, new byte[4])))
        .hasMessageContaining("sample rate");
    assertThatThrownBy(() -> WavFiles.decode(TestAudio.wav(1, 1, 16000, 12, new byte[4])))
        .hasMessageContaining("sample size");
    byte[] noData = Arrays.copyOf(TestAudio.wav(1, 1, 16000, 16, new byte[0]), 36);
    assertThatThrownBy(() -> WavFiles.decode(noData)).hasMessageContaining("no audio data");
    byte[] badAlign = TestAudio.wav(1, 1, 16000, 16, new byte[4]);
    badAlign[32] = 7;
    assertThatThrownBy(() -> WavFiles.decode(badAlign)).hasMessageContaining("block size");
  }

  @Test
  void rejectsRecordingsLongerThanTheLimit() {
    byte[] data = new byte[4000 * (WavFiles.MAX_SECONDS + 1)];
    assertThatThrownBy(() -> WavFiles.decode(TestAudio.wav(1, 1, 4000, 8, data)))
        .isInstanceOf(AudioFormatException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void rejectsHugeFilesBeforeReadingThem() throws Exception {
    Path huge = dir.resolve("huge.wav");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(WavFiles.MAX_BYTES + 1); // sparse: no disk used
    }
    assertThatThrownBy(() -> WavFiles.read(huge))
        .isInstanceOf(AudioFormatException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void reportsAMissingFile() {
    assertThatThrownBy(() -> WavFiles.read(dir.resolve("absent.wav")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void wavFileSourceStreamsTheClip() throws Exception {
    Path f = dir.resolve("a.wav");
    Files.write(f, WavFiles.encode(new AudioClip(new short[10_000])));
    try (AudioSource s = AudioSource.wavFile(f)) {
      assertThat(s.description()).isEqualTo("WAV file");
      assertThat(s.readAll(java.time.Duration.ofMinutes(1)).length()).isEqualTo(10_000);
      assertThat(s.read(new short[10])).isEqualTo(-1);
    }
  }
}
