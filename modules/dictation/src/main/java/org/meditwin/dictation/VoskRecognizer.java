package org.meditwin.dictation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/** Kaldi through Vosk; the model is a folder such as vosk-model-small-en-us-0.15. */
final class VoskRecognizer implements SpeechRecognizer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path folder;
  private Model model;

  private VoskRecognizer(Path folder, Model model) {
    this.folder = folder;
    this.model = model;
  }

  /** Why the folder is not a Vosk model, or empty text when it looks complete. */
  static String problem(Path folder) {
    if (!Files.isDirectory(folder)) {
      return "no Vosk model: place a model folder (e.g. vosk-model-small-en-us-0.15 from"
          + " alphacephei.com/vosk/models) at "
          + folder;
    }
    if (!Files.isRegularFile(folder.resolve("am/final.mdl"))
        || !Files.isDirectory(folder.resolve("conf"))) {
      return "incomplete Vosk model at " + folder + " (am/final.mdl and conf/ are required)";
    }
    return "";
  }

  static VoskRecognizer open(Path folder) throws RecognitionException {
    String problem = problem(folder);
    if (!problem.isEmpty()) {
      throw new RecognitionException(problem);
    }
    try {
      LibVosk.setLogLevel(LogLevel.WARNINGS);
      return new VoskRecognizer(folder, new Model(folder.toString()));
    } catch (IOException | UnsatisfiedLinkError e) {
      throw new RecognitionException("Vosk could not load the model at " + folder + ": " + e, e);
    }
  }

  @Override
  public Engine engine() {
    return Engine.VOSK;
  }

  @Override
  public String describe() {
    return "Vosk (" + folder.getFileName() + ")";
  }

  @Override
  public synchronized String recognize(AudioClip utterance) throws RecognitionException {
    if (model == null) {
      throw new RecognitionException("Vosk recognizer is closed");
    }
    short[] s = utterance.samples();
    try (Recognizer r = new Recognizer(model, AudioClip.SAMPLE_RATE)) {
      r.acceptWaveForm(s, s.length);
      return JSON.readTree(r.getFinalResult()).path("text").asText("").strip();
    } catch (IOException e) {
      throw new RecognitionException("Vosk failed on the audio: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (model != null) {
      model.close();
      model = null;
    }
  }
}
