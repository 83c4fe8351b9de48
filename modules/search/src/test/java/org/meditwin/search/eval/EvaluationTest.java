package org.meditwin.search.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.search.FusionMethod;
import org.meditwin.search.HashingTestEmbedder;
import org.meditwin.search.KnowledgeBase;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.SearchMode;

class EvaluationTest {
  @TempDir Path tmp;

  @Test
  void loadsBeirFilesAndSkipsTheQrelsHeader() throws IOException {
    Files.writeString(
        tmp.resolve("c.jsonl"),
        "{\"_id\":\"d1\",\"title\":\"Gout\",\"text\":\"Gout hurts the big toe.\"}\n{\"_id\":\"d2\",\"title\":\"Asthma\",\"text\":\"Asthma causes wheezing.\"}\n");
    Files.writeString(
        tmp.resolve("q.jsonl"),
        "{\"_id\":\"q1\",\"text\":\"toe pain\"}\n{\"_id\":\"q2\",\"text\":\"no judgements\"}\n");
    Files.writeString(tmp.resolve("r.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
    BeirDataset d =
        BeirDataset.load(tmp.resolve("c.jsonl"), tmp.resolve("q.jsonl"), tmp.resolve("r.tsv"));
    assertThat(d.corpus()).hasSize(2);
    assertThat(d.queries()).containsOnlyKeys("q1");
    assertThat(d.qrels().get("q1")).containsEntry("d1", 1);
  }

  @Test
  void malformedFilesGiveTheFileAndLine() throws IOException {
    Files.writeString(tmp.resolve("c.jsonl"), "{\"_id\":\"d1\"}\n{oops\n");
    Files.writeString(tmp.resolve("q.jsonl"), "");
    Files.writeString(tmp.resolve("r.tsv"), "");
    assertThatThrownBy(
            () ->
                BeirDataset.load(
                    tmp.resolve("c.jsonl"), tmp.resolve("q.jsonl"), tmp.resolve("r.tsv")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("c.jsonl:2");
  }

  @Test
  void devSetIsDeterministicAndEvaluatesInAllModes() throws IOException {
    KnowledgeBase.Source src = KnowledgeBase.Source.shipped();
    MedquadDevSet.Split a = MedquadDevSet.build(src, 8, 7);
    MedquadDevSet.Split b = MedquadDevSet.build(src, 8, 7);
    assertThat(a.dataset().queries()).isEqualTo(b.dataset().queries());
    assertThat(a.dataset().qrels()).isEqualTo(b.dataset().qrels());
    assertThat(a.devQueryIds()).isNotEmpty();
    assertThat(a.testQueryIds()).isNotEmpty();
    assertThat(a.dataset().corpus().values()).allSatisfy(d -> assertThat(d.text()).isNotBlank());
    // every relevant document exists in the corpus, and no query text is copied from MedQuAD's form
    a.dataset()
        .qrels()
        .values()
        .forEach(
            r -> assertThat(a.dataset().corpus()).containsKeys(r.keySet().toArray(String[]::new)));
    assertThat(a.dataset().queries().values())
        .noneMatch(q -> q.startsWith("What are the symptoms of"));

    a.write(tmp.resolve("dev"));
    BeirDataset reloaded =
        BeirDataset.load(
            tmp.resolve("dev/corpus.jsonl"),
            tmp.resolve("dev/queries.jsonl"),
            tmp.resolve("dev/qrels/dev.tsv"));
    assertThat(reloaded.queries().keySet()).containsExactlyElementsOf(a.devQueryIds());
    assertThat(Files.readString(tmp.resolve("dev/qrels/test.tsv"), StandardCharsets.UTF_8))
        .startsWith("query-id\tcorpus-id\tscore");

    try (RetrievalEvaluator ev =
        RetrievalEvaluator.index(
            a.dataset(),
            Optional.of(new HashingTestEmbedder()),
            SearchConfig.defaults(),
            tmp.resolve("idx"),
            ProgressListener.NONE)) {
      List<String> all = List.copyOf(a.dataset().queries().keySet());
      var bm25 = ev.evaluate(SearchMode.BM25, all, SearchConfig.defaults());
      var dense = ev.evaluate(SearchMode.DENSE, all, SearchConfig.defaults());
      var rrf = ev.evaluate(SearchMode.HYBRID, all, SearchConfig.defaults());
      var weighted =
          ev.evaluate(
              SearchMode.HYBRID,
              all,
              SearchConfig.defaults().withFusion(FusionMethod.WEIGHTED, 0.7f));
      for (var s : List.of(bm25, dense, rrf, weighted)) {
        assertThat(s.queries()).isEqualTo(all.size());
        assertThat(s.ndcg10()).isBetween(0.0, 1.0);
        assertThat(s.recall100()).isGreaterThanOrEqualTo(s.recall10());
      }
      // the focus is in every query and every title: BM25 must find most answers in its top 100
      assertThat(bm25.recall100()).isGreaterThan(0.8);
    }
  }
}
