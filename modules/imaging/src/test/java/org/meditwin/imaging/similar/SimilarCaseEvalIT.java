package org.meditwin.imaging.similar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full evaluation (val queries against the train library), the numbers in the README; run with
 * {@code -Dtest=SimilarCaseEvalIT} (also {@code ./run imaging similar --eval --json}).
 */
class SimilarCaseEvalIT {
  private static final Logger LOG = LoggerFactory.getLogger(SimilarCaseEvalIT.class);

  @TempDir Path tmp;

  @Test
  void embeddingBeatsPixelAndRandomBaselines() throws Exception {
    try (ChestXrayModel model = ChestXrayModel.load(SimilarCaseServiceTest.MODELS)) {
      SimilarCaseEvaluation.Report r = SimilarCaseEvaluation.run(model, tmp, ProgressListener.NONE);
      LOG.info("similar-case evaluation: {}", r);
      java.nio.file.Files.writeString(Path.of("target/similar-case-eval.txt"), r.toString());
      assertThat(r.methods().get(0).precisionAt10())
          .isGreaterThan(r.methods().get(2).precisionAt10())
          .isGreaterThan(r.methods().get(3).precisionAt10());
      assertThat(r.hnswRecallAt10()).isGreaterThan(0.9);
    }
  }
}
