package org.meditwin.inference.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.inference.InferenceRuntime;
import org.meditwin.inference.classify.SpecialtyRouter;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.EmbeddingService;
import org.meditwin.inference.embedding.EncoderVariant;

/**
 * {@code ./run bench inference}: encoder load time, sentences/s at batch 1 and 32 with 1 and 2
 * threads (full and quantised), full-vs-quantised agreement, router latency. Synthetic, PHI-free
 * sentences.
 */
public final class InferenceBenchmark {
  private InferenceBenchmark() {}

  /** One measured number. */
  public record Measurement(String name, double value, String unit) {}

  static final List<String> SENTENCES =
      List.of(
          "The patient reports crushing chest pain radiating to the left arm since this morning.",
          "Audiogram shows bilateral sensorineural hearing loss, worse at high frequencies.",
          "MRI of the lumbar spine demonstrates an L4-L5 disc herniation with foraminal narrowing.",
          "She has had intermittent migraines with visual aura for about ten years.",
          "Blood pressure is 142/90 mmHg, heart rate 88, respiratory rate 16, afebrile.",
          "Continue metformin 500 mg twice daily and recheck the HbA1c in three months.",
          "He complains of ringing in both ears after years of working in a loud factory.",
          "The right knee is swollen with a positive anterior drawer test after a skiing injury.",
          "Echocardiogram shows an ejection fraction of 35 percent with global hypokinesis.",
          "Numbness and tingling in the left hand, worse at night, suggestive of carpal tunnel.",
          "Follow up in two weeks for wound check and suture removal.",
          "Patient denies fever, chills, nausea, vomiting or changes in bowel habits.",
          "Tympanic membranes are intact bilaterally with no effusion.",
          "A new tremor of the right hand at rest was noticed by her daughter.",
          "Chest X-ray shows no acute cardiopulmonary process.",
          "Advised weight loss, regular exercise and a low-salt diet.");

  /**
   * @param log receives each measurement as it is produced (the CLI prints progress)
   */
  public static List<Measurement> run(
      Path modelsDir, Path cacheDir, int sentences, Consumer<Measurement> log) {
    List<Measurement> out = new ArrayList<>();
    Consumer<Measurement> add =
        m -> {
          out.add(m);
          log.accept(m);
        };
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < sentences; i++) {
      texts.add(SENTENCES.get(i % SENTENCES.size()));
    }
    Path encoders = cacheDir.resolve("encoders");
    try (InferenceRuntime rt =
        InferenceRuntime.create(modelsDir, cacheDir, TaskExecutor.sameThread(), 1)) {
      long t0 = System.nanoTime();
      BgeEncoder shared = rt.encoder().join();
      add.accept(new Measurement("encoder load (verify + open, bge-small fp32)", ms(t0), "ms"));
      for (EncoderVariant v : EncoderVariant.values()) {
        for (int threads : new int[] {1, 2}) {
          long l0 = System.nanoTime();
          try (BgeEncoder enc = BgeEncoder.open(v, encoders, threads, 512)) {
            if (threads == 1) {
              add.accept(new Measurement(v.modelName() + " open", ms(l0), "ms"));
            }
            enc.embedBatch(texts.subList(0, 2));
            for (int batch : new int[] {1, 32}) {
              long s0 = System.nanoTime();
              enc.embedAll(texts, batch);
              double secs = (System.nanoTime() - s0) / 1e9;
              add.accept(
                  new Measurement(
                      v.modelName()
                          + " batch "
                          + batch
                          + ", "
                          + threads
                          + " thread"
                          + (threads > 1 ? "s" : ""),
                      texts.size() / secs,
                      "sentences/s"));
            }
          }
        }
      }
      try (BgeEncoder q = BgeEncoder.open(EncoderVariant.QUANTISED, encoders, 1, 512)) {
        double min = 1;
        double sum = 0;
        for (String s : SENTENCES) {
          double c =
              EmbeddingService.cosine(
                  shared.embedBatch(List.of(s))[0], q.embedBatch(List.of(s))[0]);
          min = Math.min(min, c);
          sum += c;
        }
        add.accept(new Measurement("quantised vs full cosine (mean)", sum / SENTENCES.size(), ""));
        add.accept(new Measurement("quantised vs full cosine (min)", min, ""));
      }
      long r0 = System.nanoTime();
      SpecialtyRouter router = rt.router().join();
      add.accept(new Measurement("router head load", ms(r0), "ms"));
      String note = String.join(" ", SENTENCES.subList(0, 6));
      router.route(note);
      double[] lat = new double[15];
      for (int i = 0; i < lat.length; i++) {
        long q0 = System.nanoTime();
        router.route(note);
        lat[i] = ms(q0);
      }
      Arrays.sort(lat);
      add.accept(
          new Measurement("router latency (median, ~90-word note)", lat[lat.length / 2], "ms"));
      long h0 = System.nanoTime();
      router.route("Ringing in my ears");
      add.accept(new Measurement("router latency (short question)", ms(h0), "ms"));
    }
    return out;
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }
}
