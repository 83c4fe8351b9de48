package org.meditwin.nlp.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.registry.ModelDescriptor;
import org.meditwin.inference.registry.ModelFile;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.inference.registry.Sha256;
import org.meditwin.inference.train.HeadTrainer;
import org.meditwin.inference.train.TrainedHead;
import org.meditwin.inference.train.TrainingOptions;
import org.meditwin.nlp.tagger.BioDecoder;
import org.meditwin.nlp.tagger.HeadTagger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the two token-classification heads of the NLP pipeline on frozen bge-small (int8) word
 * features with {@link HeadTrainer}: {@code deid-names} (PER, LOC) and {@code clinical-ner}
 * (Disease, Chemical). Usage: {@code HeadTraining <deid-names|clinical-ner> [--data DIR] [--models
 * DIR] [--conll N]}.
 */
public final class HeadTraining {
  private static final Logger LOG = LoggerFactory.getLogger(HeadTraining.class);
  public static final String DEID = "deid-names";
  public static final String CLINICAL = "clinical-ner";
  public static final EncoderVariant ENCODER = EncoderVariant.QUANTISED;

  /** Default neighbouring words on each side whose features are appended to a word's row. */
  public static final int CONTEXT_WORDS = 1;

  private static int contextWords = CONTEXT_WORDS;
  private static float learningRate = 1e-3f;
  private static int hidden = 256;
  private static int conllUsed;

  private HeadTraining() {}

  /** Where the data, models and feature cache are. */
  public record Config(Path data, Path models, Path featureCache, Path encoderDir, int conllMax) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: HeadTraining <deid-names|clinical-ner> [options]");
    }
    String env = System.getenv("MEDITWIN_DATA_DIR");
    Path data = env != null ? Path.of(env) : Path.of("..", "shared", "data");
    Path models = Path.of("models");
    int conll = 4000;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[i + 1]);
        case "--models" -> models = Path.of(args[i + 1]);
        case "--conll" -> conll = Integer.parseInt(args[i + 1]);
        case "--context" -> contextWords = Integer.parseInt(args[i + 1]);
        case "--lr" -> learningRate = Float.parseFloat(args[i + 1]);
        case "--hidden" -> hidden = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path cache = DjlEnvironment.defaultCacheDir();
    DjlEnvironment.configureOffline(cache);
    Config c =
        new Config(
            data,
            models,
            Path.of(System.getProperty("java.io.tmpdir"), "meditwin-nlp-features"),
            cache.resolve("encoders"),
            conll);
    ProgressListener progress = (done, total, message) -> LOG.info("{}", message);
    switch (args[0]) {
      case DEID -> trainDeid(c, progress);
      case CLINICAL -> trainClinical(c, progress);
      default -> throw new IllegalArgumentException("unknown head " + args[0]);
    }
  }

  static void trainDeid(Config c, ProgressListener progress) throws IOException {
    List<String> keep = List.of("PER", "LOC");
    conllUsed = c.conllMax();
    List<LabeledSentence> conll =
        Corpora.subsample(
            Corpora.readColumns(c.data().resolve("ner/conll2003/train.txt"), keep),
            c.conllMax(),
            42);
    List<LabeledSentence> conllDev =
        Corpora.subsample(
            Corpora.readColumns(c.data().resolve("ner/conll2003/dev.txt"), keep), 800, 43);
    List<LabeledSentence> synthTrain = new ArrayList<>();
    List<LabeledSentence> synthDev = new ArrayList<>();
    for (Corpora.SynthSample s :
        Corpora.readPresidio(c.data().resolve("deid/presidio-synth-dev.json"))) {
      LabeledSentence ls = Corpora.toHeadSentence(s);
      if (ls.words().isEmpty()) {
        continue;
      }
      (Corpora.isPresidioDev(s) ? synthDev : synthTrain).add(ls);
    }
    List<LabeledSentence> train = new ArrayList<>(conll);
    train.addAll(synthTrain);
    List<String> labels = List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC");
    TrainingOptions o =
        new TrainingOptions(42, hidden, 0.2f, learningRate, 1e-4f, 128, 40, 6, true);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("conllTrainSentences", conll.size());
    data.put("presidioTrainSamples", synthTrain.size());
    data.put("presidioDevSamples", synthDev.size());
    data.put("validationConllDevSentences", conllDev.size());
    run(
        c,
        DEID,
        labels,
        train,
        conllDev,
        Map.of(
            "presidio-dev (held-out templates)", synthDev, "conll2003-dev (subsample)", conllDev),
        o,
        data,
        progress);
  }

  static void trainClinical(Config c, ProgressListener progress) throws IOException {
    List<String> keep = List.of("Disease", "Chemical");
    List<LabeledSentence> ncbi =
        Corpora.readColumns(c.data().resolve("ner/ncbi-disease/train.tsv"), keep);
    List<LabeledSentence> cdr = Corpora.readColumns(c.data().resolve("ner/bc5cdr/train.tsv"), keep);
    List<LabeledSentence> train = new ArrayList<>();
    List<LabeledSentence> validation = new ArrayList<>();
    for (List<LabeledSentence> part : List.of(ncbi, cdr)) {
      for (LabeledSentence s : part) {
        boolean val = (Corpora.sha256(String.join(" ", s.words()))[0] & 0xff) < 26; // ≈10 %
        (val ? validation : train).add(s);
      }
    }
    List<LabeledSentence> ncbiDev =
        Corpora.readColumns(c.data().resolve("ner/ncbi-disease/devel.tsv"), keep);
    List<LabeledSentence> cdrDev =
        Corpora.readColumns(c.data().resolve("ner/bc5cdr/devel.tsv"), keep);
    List<String> labels = List.of("O", "B-Disease", "I-Disease", "B-Chemical", "I-Chemical");
    TrainingOptions o =
        new TrainingOptions(42, hidden, 0.2f, learningRate, 1e-4f, 256, 40, 6, false);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("trainSentences", train.size());
    data.put("validationSentences", validation.size());
    data.put("ncbiDevelSentences", ncbiDev.size());
    data.put("bc5cdrDevelSentences", cdrDev.size());
    Map<String, List<LabeledSentence>> dev = new LinkedHashMap<>();
    dev.put("ncbi-disease devel", ncbiDev);
    dev.put("bc5cdr devel", cdrDev);
    run(c, CLINICAL, labels, train, validation, dev, o, data, progress);
  }

  private static void run(
      Config c,
      String name,
      List<String> labels,
      List<LabeledSentence> train,
      List<LabeledSentence> validation,
      Map<String, List<LabeledSentence>> dev,
      TrainingOptions o,
      Map<String, Object> dataCounts,
      ProgressListener progress)
      throws IOException {
    try (BgeEncoder encoder = BgeEncoder.open(ENCODER, c.encoderDir(), 2, 256)) {
      FeatureStore store = new FeatureStore(c.featureCache(), encoder);
      HeadTrainer.Rows trainRows = rows(store.features(name + "-train", train), train, labels);
      HeadTrainer.Rows valRows =
          rows(store.features(name + "-validation", validation), validation, labels);
      Map<String, float[][][]> devFeatures = new LinkedHashMap<>();
      for (var e : dev.entrySet()) {
        devFeatures.put(e.getKey(), store.features(name + "-" + slug(e.getKey()), e.getValue()));
      }
      LOG.info("{}: {} train rows, {} validation rows", name, trainRows.size(), valRows.size());
      TrainedHead head = HeadTrainer.train(trainRows, valRows, labels, o, progress);
      Path folder = c.models().resolve(name);
      Files.createDirectories(folder);
      Path params = folder.resolve("head.params");
      Files.write(params, head.parameters());
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("inputDim", head.architecture().inputDim());
      parameters.put("hiddenDim", head.architecture().hiddenDim());
      parameters.put("classes", head.architecture().classes());
      parameters.put("dropout", (double) head.architecture().dropout());
      parameters.put("seed", o.seed());
      parameters.put("learningRate", (double) o.learningRate());
      parameters.put("weightDecay", (double) o.weightDecay());
      parameters.put("batchSize", o.batchSize());
      parameters.put("balanceClasses", o.balanceClasses());
      parameters.put("bestEpoch", head.bestEpoch());
      parameters.put("epochsRun", head.epochsRun());
      parameters.put("patience", o.patience());
      parameters.put("contextWords", contextWords);
      parameters.put("validationTokenMacroF1", round(head.devMacroF1()));
      parameters.putAll(dataCounts);
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("encoder", ENCODER.modelName());
      input.put("features", "first word piece of each word, last_hidden_state");
      input.put("maxTokens", 256);
      input.put("dimension", BgeEncoder.DIMENSION);
      input.put("decoding", "constrained BIO (Viterbi)");
      ModelDescriptor draft =
          new ModelDescriptor(
              name,
              "1.0.0",
              "token-classification",
              "PyTorch",
              List.of(new ModelFile("head.params", Sha256.of(params), Files.size(params))),
              labels,
              input,
              parameters,
              Map.of(),
              "modules/nlp/train-head.sh "
                  + name
                  + " --context "
                  + contextWords
                  + " --lr "
                  + learningRate
                  + " --hidden "
                  + hidden
                  + (name.equals(DEID) ? " --conll " + conllUsed : ""));
      // strict entity-level metrics of the saved head on each dev split
      Map<String, Object> metrics = new LinkedHashMap<>();
      try (HeadTagger tagger = HeadTagger.load(draft, folder)) {
        for (var e : dev.entrySet()) {
          EntityMetrics m = evaluate(tagger, devFeatures.get(e.getKey()), e.getValue());
          Map<String, Object> perType = new LinkedHashMap<>();
          for (EntityMetrics.Score s : m.scores()) {
            perType.put(
                s.type(),
                Map.of(
                    "precision", round(s.precision()),
                    "recall", round(s.recall()),
                    "f1", round(s.f1()),
                    "support", s.support()));
            LOG.info(
                "{} {} {}: P {} R {} F1 {} (n={})",
                name,
                e.getKey(),
                s.type(),
                round(s.precision()),
                round(s.recall()),
                round(s.f1()),
                s.support());
          }
          metrics.put(e.getKey() + " strict entity", perType);
        }
      }
      ModelDescriptor d =
          new ModelDescriptor(
              draft.name(),
              draft.version(),
              draft.task(),
              draft.engine(),
              draft.files(),
              draft.labels(),
              draft.input(),
              draft.parameters(),
              metrics,
              draft.retrain());
      ModelRegistry.writeDescriptor(d, folder);
      LOG.info("wrote {}", folder);
    }
  }

  static EntityMetrics evaluate(
      HeadTagger tagger, float[][][] features, List<LabeledSentence> sentences) {
    EntityMetrics m = new EntityMetrics();
    int dim = BgeEncoder.DIMENSION;
    for (int i = 0; i < sentences.size(); i++) {
      LabeledSentence s = sentences.get(i);
      float[][] f = features[i].clone();
      for (int w = 0; w < f.length; w++) {
        if (f[w] == null) {
          f[w] = new float[dim];
        }
      }
      java.util.Set<String> pred = new java.util.HashSet<>();
      for (BioDecoder.WordSpan span : tagger.tag(f, List.of(new int[] {0, f.length}))) {
        pred.add(span.type() + "|" + span.from() + "|" + span.to());
      }
      m.add(EntityMetrics.bioSpans(s.tags()), pred);
    }
    return m;
  }

  private static HeadTrainer.Rows rows(
      float[][][] features, List<LabeledSentence> sentences, List<String> labels) {
    List<float[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      float[][] ctx = HeadTagger.withContext(features[i], 0, features[i].length, contextWords);
      for (int w = 0; w < features[i].length; w++) {
        int label = labels.indexOf(sentences.get(i).tags().get(w));
        if (features[i][w] != null && label >= 0) {
          x.add(ctx[w]);
          y.add(label);
        }
      }
    }
    return new HeadTrainer.Rows(
        x.toArray(float[][]::new), y.stream().mapToInt(Integer::intValue).toArray());
  }

  private static String slug(String s) {
    return s.replaceAll("[^a-z0-9]+", "-");
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
