package org.meditwin.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {
  private final VoiceActivityDetector vad = VoiceActivityDetector.withDefaults();

  @Test
  void findsEachUtteranceBetweenPauses() {
    AudioClip clip =
        TestAudio.bursts(8, 0.002, 0.3, new double[][] {{1.0, 2.5}, {4.0, 5.0}, {6.5, 7.2}}, 1);
    List<VoiceActivityDetector.Segment> s = vad.segments(clip);
    assertThat(s).hasSize(3);
    double[][] expected = {{1.0, 2.5}, {4.0, 5.0}, {6.5, 7.2}};
    for (int i = 0; i < 3; i++) {
      // padded by 0.2 s; boundaries within 0.3 s of the truth
      assertThat(s.get(i).startSeconds()).isCloseTo(expected[i][0] - 0.2, within(0.3));
      assertThat(s.get(i).endSeconds()).isCloseTo(expected[i][1] + 0.2, within(0.3));
    }
  }

  @Test
  void joinsWordsSeparatedByShortGaps() {
    AudioClip clip = TestAudio.bursts(4, 0.002, 0.3, new double[][] {{0.5, 1.2}, {1.45, 2.5}}, 2);
    assertThat(vad.segments(clip)).hasSize(1);
  }

  @Test
  void silenceAndSteadyNoiseHaveNoUtterances() {
    assertThat(vad.segments(new AudioClip(new short[16_000 * 3]))).isEmpty();
    assertThat(vad.segments(TestAudio.bursts(3, 0.05, 0, new double[0][], 3))).isEmpty();
    assertThat(vad.segments(new AudioClip(new short[100]))).isEmpty();
  }

  @Test
  void ignoresClicksShorterThanASyllable() {
    short[] s = new short[16_000 * 2];
    for (int i = 16_000; i < 16_000 + 320; i++) {
      s[i] = (short) (i % 2 == 0 ? 12000 : -12000); // 20 ms click
    }
    assertThat(vad.segments(new AudioClip(s))).isEmpty();
  }

  @Test
  void detectsQuietFricativesByTheirZeroCrossings() {
    Random r = new Random(4);
    short[] s = new short[16_000 * 3];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) Math.round(60 * r.nextGaussian());
    }
    int prev = 0;
    for (int i = 16_000; i < 24_000; i++) {
      int white = (int) Math.round(150 * r.nextGaussian());
      s[i] += (short) (white - prev); // high-passed noise like /s/, ~8 dB above the floor
      prev = white;
    }
    List<VoiceActivityDetector.Segment> seg = vad.segments(new AudioClip(s));
    assertThat(seg).hasSize(1);
    assertThat(seg.getFirst().startSeconds()).isCloseTo(0.8, within(0.3));
  }

  @Test
  void cutsLongMonologuesIntoBoundedSegments() {
    double[][] spans = new double[20][];
    for (int i = 0; i < 20; i++) {
      spans[i] = new double[] {i * 3.0, i * 3.0 + 2.9}; // 0.1 s gaps never end an utterance
    }
    AudioClip clip = TestAudio.bursts(60, 0.002, 0.3, spans, 5);
    List<VoiceActivityDetector.Segment> s = vad.segments(clip);
    assertThat(s.size()).isGreaterThanOrEqualTo(3);
    for (VoiceActivityDetector.Segment x : s) {
      assertThat(x.endSeconds() - x.startSeconds()).isLessThanOrEqualTo(25.0);
    }
    for (int i = 1; i < s.size(); i++) {
      assertThat(s.get(i).start()).isGreaterThanOrEqualTo(s.get(i - 1).end());
    }
  }
}
