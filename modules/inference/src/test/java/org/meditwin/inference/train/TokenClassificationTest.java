package org.meditwin.inference.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.SharedModels;
import org.meditwin.inference.classify.ClassificationHead;
import org.meditwin.inference.classify.TokenTagger;
import org.meditwin.inference.embedding.BgeEncoder;

/** A tiny token-classification head on NCBI-disease: reproducible and it learns. */
class TokenClassificationTest {
  @Test
  void tinyDiseaseTaggerIsReproducibleAndTagsDiseases() throws Exception {
    Path data =
        Path.of(
            System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../../shared/data"),
            "ner/ncbi-disease/train.tsv");
    Assumptions.assumeTrue(Files.isRegularFile(data), "NCBI-disease data not present");
    List<TokenClassificationData.Sentence> sentences = TokenClassificationData.readTsv(data, 60);
    List<TokenClassificationData.Sentence> train = sentences.subList(0, 45);
    List<TokenClassificationData.Sentence> dev = sentences.subList(45, 60);
    List<String> labels = TokenClassificationData.labels(sentences);
    assertThat(labels.get(0)).isEqualTo("O");
    BgeEncoder encoder = SharedModels.encoder();
    HeadTrainer.Rows trainRows = TokenClassificationData.rows(train, encoder, labels);
    HeadTrainer.Rows devRows = TokenClassificationData.rows(dev, encoder, labels);
    assertThat(trainRows.size()).isEqualTo(train.stream().mapToInt(s -> s.words().size()).sum());
    TrainingOptions o = new TrainingOptions(3, 0, 0f, 5e-3f, 0f, 64, 30, 10, true);
    TrainedHead a = HeadTrainer.train(trainRows, devRows, labels, o, ProgressListener.NONE);
    TrainedHead b = HeadTrainer.train(trainRows, devRows, labels, o, ProgressListener.NONE);
    assertThat(b.parameters()).isEqualTo(a.parameters());
    assertThat(a.devMacroF1()).isGreaterThan(0.4);

    Path file = Files.createTempFile("tagger", ".params");
    try {
      Files.write(file, a.parameters());
      try (TokenTagger tagger =
          new TokenTagger(encoder, ClassificationHead.load(file, a.architecture()), labels)) {
        TokenClassificationData.Sentence s =
            train.stream().filter(x -> x.tags().contains("B-Disease")).findFirst().orElseThrow();
        List<String> predicted = tagger.tag(s.words());
        assertThat(predicted).hasSameSizeAs(s.words());
        int hits = 0;
        for (int i = 0; i < predicted.size(); i++) {
          if (!s.tags().get(i).equals("O") && predicted.get(i).equals(s.tags().get(i))) {
            hits++;
          }
        }
        assertThat(hits).isPositive();
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
