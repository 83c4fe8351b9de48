package org.meditwin.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.documents.bench.SyntheticDocuments;

/** Finished documents reach the patient-record index; a failed indexing is retried at start-up. */
class IndexingTest {
  @TempDir Path dir;

  /** Records what the application's patient-record index would receive. */
  static final class RecordingIndexer implements DocumentIndexer {
    final Map<String, String> texts = new ConcurrentHashMap<>();
    final Map<String, LocalDate> dates = new ConcurrentHashMap<>();
    final List<String> titles = new CopyOnWriteArrayList<>();
    final List<String> deleted = new CopyOnWriteArrayList<>();
    final AtomicBoolean available = new AtomicBoolean(true);

    @Override
    public void upsert(String id, String patientId, String title, String text, LocalDate date) {
      if (!available.get()) {
        throw new IllegalStateException("index not open yet");
      }
      texts.put(id, text);
      dates.put(id, date);
      titles.add(title);
    }

    @Override
    public void delete(String id) {
      deleted.add(id);
    }
  }

  @Test
  void documentTextIsIndexedWithItsClinicalDateAndRetriedWhenTheIndexWasNotOpen() throws Exception {
    RecordingIndexer indexer = new RecordingIndexer();
    try (Fixture f = Fixture.create(dir)) {
      f.docs.close();
      f.docs = DocumentService.open(f.session, Fixture.options().withIndexer(indexer));
      DocumentSummary d =
          f.importAndWait(
              "a.pdf", SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(2)));
      waitFor(() -> indexer.texts.containsKey(d.id()));
      assertThat(indexer.texts.get(d.id())).contains("sensorineural").contains("Discharge Summary");
      assertThat(indexer.dates.get(d.id())).isEqualTo(LocalDate.of(2024, 3, 14));
      // the title carries no file name (file names often name the patient)
      assertThat(indexer.titles).allSatisfy(t -> assertThat(t).doesNotContain("a.pdf"));

      // the index is not open: the document stays unindexed, and start-up indexes it
      indexer.available.set(false);
      DocumentSummary e =
          f.importAndWait(
              "b.pdf", SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(1)));
      assertThat(indexer.texts).doesNotContainKey(e.id());
      indexer.available.set(true);
      f.docs.resumePending();
      waitFor(() -> indexer.texts.containsKey(e.id()));

      assertThat(f.docs.delete(d.id())).isTrue();
      assertThat(indexer.deleted).containsExactly(d.id());
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
    long end = System.nanoTime() + 60_000_000_000L;
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met in 60 s");
      }
      Thread.sleep(20);
    }
  }
}
