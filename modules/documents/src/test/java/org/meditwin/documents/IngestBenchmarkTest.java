package org.meditwin.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.nlp.ClinicalNlp;

class IngestBenchmarkTest {
  @Test
  void measuresBornDigitalAndScannedPagesAndOcrAccuracy() throws Exception {
    try (ClinicalNlp nlp = ClinicalNlp.rulesOnly()) {
      IngestBenchmark.Result r = IngestBenchmark.run(2, 1, 1, nlp, ProgressListener.NONE);
      assertThat(r.rows()).hasSize(3);
      assertThat(r.rows()).allSatisfy(row -> assertThat(row.pagesPerMinute()).isPositive());
      assertThat(r.rows().get(1).characterAccuracy())
          .hasValueSatisfying(a -> assertThat(a).isGreaterThan(0.97));
      assertThat(r.rows().get(2).characterAccuracy())
          .hasValueSatisfying(a -> assertThat(a).isGreaterThan(0.95));
      assertThat(r.ompThreadLimit()).isEqualTo("1");
      assertThat(IngestBenchmark.table(r)).contains("pages/min").contains("OMP_THREAD_LIMIT=1");
    }
  }
}
