package org.meditwin.dictation.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.meditwin.dictation.AudioClip;
import org.meditwin.dictation.Dictation;
import org.meditwin.dictation.DictationConfig;
import org.meditwin.dictation.Engine;
import org.meditwin.dictation.RecognitionException;
import org.meditwin.dictation.Transcript;
import org.meditwin.dictation.lm.HearingLmBuilder;
import org.meditwin.dictation.lm.TextNormalizer;

/**
 * Word error rate of pocketsphinx on the SYNTHETIC held-out hearing-care dictations spoken by
 * flite, with the general language model and with the hearing-care domain model.
 */
public final class AsrEvaluation {
  private AsrEvaluation() {}

  /** One configuration's result. */
  public record Score(
      String configuration,
      String voice,
      int utterances,
      int referenceWords,
      int errors,
      double wer,
      double realTimeFactor) {}

  public static List<Score> run(DictationConfig config, List<String> voices, Consumer<String> log)
      throws IOException, RecognitionException {
    List<String> refs = new ArrayList<>();
    for (String s : HearingLmBuilder.heldOut()) {
      refs.add(String.join(" ", TextNormalizer.sentences(s).getFirst()));
    }
    List<Score> scores = new ArrayList<>();
    for (String voice : voices) {
      SpeechSynthesizer tts = new SpeechSynthesizer(voice);
      List<AudioClip> clips = new ArrayList<>();
      for (String r : refs) {
        clips.add(tts.speak(r));
      }
      Map<String, DictationConfig> configs = new LinkedHashMap<>();
      configs.put("general LM (pocketsphinx en-us)", config.withDomainModel(false));
      configs.put("domain LM + dictionary (asr-hearing-lm)", config.withDomainModel(true));
      for (Map.Entry<String, DictationConfig> c : configs.entrySet()) {
        int words = 0;
        int errors = 0;
        double audio = 0;
        double proc = 0;
        try (Dictation d = Dictation.create(c.getValue())) {
          for (int i = 0; i < refs.size(); i++) {
            Transcript t = d.transcribe(clips.get(i), Engine.POCKETSPHINX);
            words += WordErrorRate.words(refs.get(i)).size();
            errors += WordErrorRate.errors(refs.get(i), t.text());
            audio += t.audioSeconds();
            proc += t.processingSeconds();
          }
        }
        Score s =
            new Score(
                c.getKey(),
                voice,
                refs.size(),
                words,
                errors,
                Math.round(errors * 10000.0 / words) / 10000.0,
                Math.round(proc / audio * 1000) / 1000.0);
        log.accept(s.toString());
        scores.add(s);
      }
    }
    return scores;
  }
}
