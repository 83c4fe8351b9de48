package org.meditwin.dictation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResamplerTest {
  @Test
  void polyphaseAndDirectPathsAgreeOnAnUnusualRate() {
    // 16001 Hz -> 16 kHz has 16000 phases: the direct path; 48 kHz uses the polyphase table
    float[] tone = new float[16001];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 16001.0));
    }
    float[] out = Resampler.resample(tone, 16001, 16000);
    assertThat(out).hasSize(16000);
    double err = 0;
    for (int n = 1000; n < 15000; n++) {
      err = Math.max(err, Math.abs(out[n] - 0.5 * Math.sin(2 * Math.PI * 440 * n / 16000.0)));
    }
    assertThat(err).isLessThan(0.01);
  }

  @Test
  void upsamplingInterpolatesBetweenSamples() {
    float[] tone = new float[8000];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 300 * i / 8000.0));
    }
    float[] out = Resampler.resample(tone, 8000, 16000);
    double err = 0;
    for (int n = 1000; n < 15000; n++) {
      err = Math.max(err, Math.abs(out[n] - 0.5 * Math.sin(2 * Math.PI * 300 * n / 16000.0)));
    }
    assertThat(err).isLessThan(0.01);
  }
}
