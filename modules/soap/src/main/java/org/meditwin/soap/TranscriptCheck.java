package org.meditwin.soap;

/** Refuses transcripts the pipeline cannot draft from, with a message that says what to do. */
final class TranscriptCheck {
  private TranscriptCheck() {}

  static void require(String transcript) {
    if (transcript == null || transcript.isBlank()) {
      throw new TranscriptException(
          "The transcript is empty: dictate, paste or import the visit conversation first.");
    }
    if (transcript.length() > SoapPipeline.MAX_CHARS) {
      throw new TranscriptException(
          "The transcript is too long to draft ("
              + transcript.length()
              + " characters, limit "
              + SoapPipeline.MAX_CHARS
              + "): split the visit into shorter parts.");
    }
    int letters = 0;
    int control = 0;
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < transcript.length(); i++) {
      char c = transcript.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (!inWord) {
          words++;
        }
        inWord = true;
      } else {
        inWord = false;
        if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' || c == '\uFFFD') {
          control++;
        }
      }
    }
    if (control > Math.max(3, transcript.length() / 100)) {
      throw new TranscriptException(
          "The transcript does not look like text (it contains binary or corrupted characters): import a plain-text transcript or a WAV recording instead.");
    }
    if (words < 3 || letters < transcript.length() / 5) {
      throw new TranscriptException(
          "The transcript has too few words to draft a note: check that the right file was imported or that dictation recognised speech.");
    }
  }
}
