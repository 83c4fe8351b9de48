package org.meditwin.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real recognition with Debian pocketsphinx; skipped with a message when it is not installed. */
class PocketSphinxRecognizerTest {

  static boolean pocketsphinxInstalled() {
    try {
      PocketSphinxRecognizer.libraries();
      return Files.isRegularFile(DictationConfig.DEBIAN_POCKETSPHINX.resolve("en-us/mdef"));
    } catch (RecognitionException e) {
      return false;
    }
  }

  static Path resource(String name) throws Exception {
    return Path.of(PocketSphinxRecognizerTest.class.getResource(name).toURI());
  }

  static Path modelsDir() {
    return Path.of(System.getProperty("meditwin.models.dir", "../../models"));
  }

  @BeforeAll
  static void requirePocketsphinx() {
    assumeTrue(
        pocketsphinxInstalled(),
        "pocketsphinx is not installed (apt-get install pocketsphinx pocketsphinx-en-us"
            + " libpocketsphinx3); skipping recognition tests");
  }

  @Test
  void domainModelRecognisesAudiologyTermsTheGeneralModelCannot() throws Exception {
    AudioClip clip = WavFiles.read(resource("dictation-slt.wav"));
    String general;
    try (Dictation d =
        Dictation.create(DictationConfig.defaults(modelsDir()).withDomainModel(false))) {
      general = d.transcribe(clip, Engine.POCKETSPHINX).text();
    }
    try (Dictation d = Dictation.create(DictationConfig.defaults(modelsDir()))) {
      assertThat(d.status(Engine.POCKETSPHINX).detail()).contains("hearing-care domain");
      Transcript t = d.transcribe(clip, Engine.POCKETSPHINX);
      assertThat(t.engine()).isEqualTo(Engine.POCKETSPHINX);
      assertThat(t.text()).contains("tinnitus").contains("left ear");
      assertThat(t.utterances()).isNotEmpty();
      assertThat(t.audioSeconds()).isBetween(4.0, 6.0);
      assertThat(general).doesNotContain("tinnitus"); // not in the general LM's vocabulary use
    }
  }

  @Test
  void recognises8kHzSpeechAfterResampling() throws Exception {
    try (Dictation d = Dictation.create(DictationConfig.defaults(modelsDir()))) {
      Transcript t = d.transcribe(WavFiles.read(resource("otoscopy-kal8k.wav")));
      assertThat(t.engine()).isEqualTo(Engine.POCKETSPHINX);
      assertThat(t.text()).contains("ear");
    }
  }

  @Test
  void silenceGivesAnEmptyTranscript() throws Exception {
    try (Dictation d = Dictation.create(DictationConfig.defaults(modelsDir()))) {
      Transcript t = d.transcribe(new AudioClip(new short[16_000 * 2]), Engine.POCKETSPHINX);
      assertThat(t.text()).isEmpty();
      assertThat(t.utterances()).isEmpty();
    }
  }

  @Test
  void corruptDomainModelFallsBackToTheGeneralModelAndSaysWhy(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path copy = dir.resolve(DictationConfig.HEARING_LM_FOLDER);
    Files.createDirectories(copy);
    for (String f : new String[] {"model.json", "hearing.lm", "hearing.dict", "audiology.dict"}) {
      Files.copy(
          modelsDir().resolve(DictationConfig.HEARING_LM_FOLDER).resolve(f), copy.resolve(f));
    }
    Files.writeString(
        copy.resolve("hearing.dict"), "tampered A\n", java.nio.file.StandardOpenOption.APPEND);
    try (Dictation d = Dictation.create(DictationConfig.defaults(dir))) {
      assertThat(d.status(Engine.POCKETSPHINX).available()).isTrue();
      assertThat(d.status(Engine.POCKETSPHINX).detail())
          .contains("general LM")
          .contains("checksum mismatch): hearing.dict");
    }
  }
}
