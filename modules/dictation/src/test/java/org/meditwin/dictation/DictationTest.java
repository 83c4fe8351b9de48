package org.meditwin.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictationTest {
  @TempDir Path models;

  @Test
  void reportsEveryEngineAndWhyWhisperAndVoskAreUnavailable() {
    try (Dictation d = Dictation.create(DictationConfig.defaults(models))) {
      assertThat(d.status()).extracting(EngineStatus::engine).containsExactly(Engine.values());
      EngineStatus whisper = d.status(Engine.WHISPER);
      assertThat(whisper.available()).isFalse();
      assertThat(whisper.detail()).contains("no Whisper model").contains("asr-whisper");
      EngineStatus vosk = d.status(Engine.VOSK);
      assertThat(vosk.available()).isFalse();
      assertThat(vosk.detail()).contains("no Vosk model").contains("asr-vosk");
    }
  }

  @Test
  void openingAnEngineWithoutItsModelFailsWithTheSameClearMessage() {
    try (Dictation d = Dictation.create(DictationConfig.defaults(models))) {
      assertThatThrownBy(() -> d.recognizer(Engine.WHISPER))
          .isInstanceOf(RecognitionException.class)
          .hasMessageContaining("no Whisper model");
      assertThatThrownBy(() -> d.transcribe(new AudioClip(new short[1600]), Engine.VOSK))
          .isInstanceOf(RecognitionException.class)
          .hasMessageContaining("no Vosk model");
    }
  }

  @Test
  void rejectsFilesThatAreNotWhisperOrVoskModels() throws Exception {
    Files.createDirectories(models.resolve("asr-whisper"));
    Files.writeString(models.resolve("asr-whisper/ggml-base.en.bin"), "<html>404 not found</html>");
    Files.createDirectories(models.resolve("asr-vosk/conf"));
    try (Dictation d = Dictation.create(DictationConfig.defaults(models))) {
      assertThat(d.status(Engine.WHISPER).detail()).contains("not a whisper.cpp ggml model");
      assertThat(d.status(Engine.VOSK).detail()).contains("incomplete Vosk model");
      assertThatThrownBy(() -> d.recognizer(Engine.WHISPER))
          .hasMessageContaining("not a whisper.cpp ggml model");
    }
  }

  /** A sparse file with a plausible ggml-tiny.en header (the size check passes, no disk used). */
  static void fakeTinyWhisperModel(Path file) throws Exception {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(48).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x6c, 0x6d, 0x67, 0x67});
    for (int v : new int[] {51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1}) {
      b.putInt(v);
    }
    Files.write(file, b.array());
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(WhisperRecognizer.MIN_MODEL_BYTES + 1);
    }
  }

  @Test
  void refusesWhisperFilesWithImplausibleHeadersBeforeNativeCodeCanAbort() throws Exception {
    Files.createDirectories(models.resolve("asr-whisper"));
    // ggml magic then garbage: whisper.cpp would terminate the JVM (std::length_error)
    Files.write(
        models.resolve("asr-whisper/ggml-tiny.bin"), new byte[] {0x6c, 0x6d, 0x67, 0x67, 1, 2, 3});
    try (Dictation d = Dictation.create(DictationConfig.defaults(models))) {
      assertThat(d.status(Engine.WHISPER).available()).isFalse();
      assertThat(d.status(Engine.WHISPER).detail()).contains("corrupt or truncated Whisper model");
      assertThatThrownBy(() -> d.recognizer(Engine.WHISPER))
          .hasMessageContaining("corrupt or truncated");
    }
  }

  @Test
  void voskNativeLibraryLoadsAndReportsAnUnloadableModelClearly() throws Exception {
    Files.createDirectories(models.resolve("asr-vosk/am"));
    Files.createDirectories(models.resolve("asr-vosk/conf"));
    Files.writeString(models.resolve("asr-vosk/am/final.mdl"), "not a kaldi model");
    try (Dictation d = Dictation.create(DictationConfig.defaults(models))) {
      assertThat(d.status(Engine.VOSK).available()).isTrue(); // the folder looks complete
      assertThatThrownBy(() -> d.recognizer(Engine.VOSK))
          .isInstanceOf(RecognitionException.class)
          .hasMessageContaining("Vosk could not load the model");
    }
  }

  @Test
  void prefersAWhisperModelWhenOneIsPresent() throws Exception {
    Files.createDirectories(models.resolve("asr-whisper"));
    fakeTinyWhisperModel(models.resolve("asr-whisper/ggml-tiny.en.bin"));
    try (Dictation d = Dictation.create(DictationConfig.defaults(models))) {
      assertThat(d.status(Engine.WHISPER).available()).isTrue();
      assertThat(d.preferredEngine()).contains(Engine.WHISPER);
    }
  }

  @Test
  void domainModelMissingIsReportedInThePocketsphinxStatus() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        PocketSphinxRecognizerTest.pocketsphinxInstalled(), "pocketsphinx is not installed");
    try (Dictation d = Dictation.create(DictationConfig.defaults(models))) {
      assertThat(d.status(Engine.POCKETSPHINX).available()).isTrue();
      assertThat(d.status(Engine.POCKETSPHINX).detail())
          .contains("general LM; domain model not found");
      assertThat(d.preferredEngine()).contains(Engine.POCKETSPHINX);
    }
  }

  @Test
  void parsesEngineNames() {
    assertThat(Engine.parse(" Whisper ")).contains(Engine.WHISPER);
    assertThat(Engine.parse("pocketsphinx")).contains(Engine.POCKETSPHINX);
    assertThat(Engine.parse("kaldi")).isEmpty();
  }
}
