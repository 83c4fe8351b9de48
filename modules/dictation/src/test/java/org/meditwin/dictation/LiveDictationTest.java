package org.meditwin.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveDictationTest {
  /** Names each utterance by its length so the test can see what was passed in. */
  private static final class LengthRecognizer implements SpeechRecognizer {
    final List<AudioClip> seen = new ArrayList<>();

    @Override
    public Engine engine() {
      return Engine.POCKETSPHINX;
    }

    @Override
    public String describe() {
      return "test";
    }

    @Override
    public String recognize(AudioClip utterance) {
      seen.add(utterance);
      return "utterance " + seen.size();
    }

    @Override
    public void close() {}
  }

  @Test
  void emitsEachUtteranceAsSoonAsItIsClosedAndMatchesTheOfflineSegmentation() throws Exception {
    double[][] spans = {{1.0, 2.5}, {4.0, 5.0}, {6.5, 7.2}};
    AudioClip clip = TestAudio.bursts(9, 0.002, 0.3, spans, 1);
    LengthRecognizer r = new LengthRecognizer();
    List<Utterance> live = new ArrayList<>();
    try (Dictation d = Dictation.create(DictationConfig.defaults(java.nio.file.Path.of("none")));
        AudioSource source = new WavFileSource(clip)) {
      Transcript t = d.dictate(source, r, Duration.ofMinutes(1), live::add);
      assertThat(live).hasSize(3);
      assertThat(t.text()).isEqualTo("utterance 1 utterance 2 utterance 3");
      List<VoiceActivityDetector.Segment> offline =
          VoiceActivityDetector.withDefaults().segments(clip);
      for (int i = 0; i < 3; i++) {
        assertThat(live.get(i).start()).isCloseTo(offline.get(i).startSeconds(), within(0.15));
        assertThat(live.get(i).end()).isCloseTo(offline.get(i).endSeconds(), within(0.15));
      }
      assertThat(t.audioSeconds()).isCloseTo(9.0, within(0.01));
    }
  }

  @Test
  void stopsAtTheMaximumDuration() throws Exception {
    AudioClip clip = TestAudio.bursts(9, 0.002, 0.3, new double[][] {{1.0, 2.0}, {6.0, 7.0}}, 2);
    LengthRecognizer r = new LengthRecognizer();
    try (Dictation d = Dictation.create(DictationConfig.defaults(java.nio.file.Path.of("none")));
        AudioSource source = new WavFileSource(clip)) {
      Transcript t = d.dictate(source, r, Duration.ofSeconds(4), u -> {});
      assertThat(t.audioSeconds()).isCloseTo(4.0, within(0.01));
      assertThat(t.utterances()).hasSize(1);
    }
  }

  @Test
  void liveDictationOfAWavFileGivesTheSameTextAsTheOfflinePath() throws Exception {
    assumeTrue(PocketSphinxRecognizerTest.pocketsphinxInstalled(), "pocketsphinx is not installed");
    java.nio.file.Path wav = PocketSphinxRecognizerTest.resource("dictation-slt.wav");
    try (Dictation d =
            Dictation.create(DictationConfig.defaults(PocketSphinxRecognizerTest.modelsDir()));
        AudioSource source = AudioSource.wavFile(wav)) {
      List<Utterance> live = new ArrayList<>();
      Transcript t = d.dictate(source, Engine.POCKETSPHINX, Duration.ofMinutes(1), live::add);
      assertThat(live).isNotEmpty();
      assertThat(t.text()).isEqualTo(d.transcribe(WavFiles.read(wav), Engine.POCKETSPHINX).text());
    }
  }
}
