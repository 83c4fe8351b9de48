package org.meditwin.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PocketSphinxRecognizerTest {

  static boolean pocketsphinxInstalled() {
    try {
      PocketSphinxRecognizer.libraries();
      return java.nio.file.Files.isDirectory(DictationConfig.DEBIAN_POCKETSPHINX);
    } catch (RecognitionException e) {
      return false;
    }
  }

  static Path resource(String name) throws Exception {
    return Path.of(PocketSphinxRecognizerTest.class.getResource(name).toURI());
  }

  @Test
  void generalModelTranscribesSyntheticSpeech() throws Exception {
    assumeTrue(
        pocketsphinxInstalled(),
        "pocketsphinx (Debian libpocketsphinx3, pocketsphinx-en-us) is not installed");
    try (Dictation d = Dictation.create(DictationConfig.defaults(Path.of("no-models")))) {
      Transcript t =
          d.transcribe(WavFiles.read(resource("dictation-slt.wav")), Engine.POCKETSPHINX);
      System.err.println(t);
      assertThat(t.text()).contains("patient");
    }
  }
}
