package org.meditwin.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.task.ProgressListener;

class SearchServiceTest {
  private static final byte[] KEY = new byte[32];

  static {
    new Random(42).nextBytes(KEY);
  }

  @TempDir Path tmp;
  private SearchService service;

  @BeforeEach
  void open() throws IOException {
    service =
        SearchService.open(
            tmp.resolve("idx"),
            KEY,
            Optional.of(new HashingTestEmbedder()),
            SearchConfig.defaults());
  }

  @AfterEach
  void close() throws IOException {
    service.close();
  }

  private static IndexDocument kb(String id, String focus, String qtype, String text) {
    return new IndexDocument(
        id,
        focus,
        text,
        DocumentMetadata.knowledgeBase("MedlinePlus", "https://example.org/" + id, focus, qtype));
  }

  private static IndexDocument note(
      String id, String patient, String specialty, LocalDate date, String text) {
    return new IndexDocument(
        id,
        "Visit note",
        text,
        DocumentMetadata.patientRecord(patient, "note", Optional.of(specialty), Optional.of(date)));
  }

  private void indexSmallKb() throws IOException {
    service.upsertAll(
        List.of(
            kb(
                "asthma-1",
                "Asthma",
                "symptoms",
                "Asthma causes wheezing, coughing and shortness of breath. Symptoms worsen at night."),
            kb(
                "asthma-2",
                "Asthma",
                "treatment",
                "Inhaled corticosteroids control asthma. Quick-relief inhalers open the airways."),
            kb(
                "gout-1",
                "Gout",
                "symptoms",
                "Gout causes sudden severe pain and swelling in the big toe joint."),
            kb(
                "migraine-1",
                "Migraine",
                "symptoms",
                "Migraine headaches bring throbbing pain, nausea and sensitivity to light."),
            kb(
                "tinnitus-1",
                "Tinnitus",
                "information",
                "Tinnitus is ringing or buzzing in the ears without an outside sound.")),
        ProgressListener.NONE);
  }

  @Test
  void bm25RanksTheDocumentWithTheQueryTermsFirst() throws IOException {
    indexSmallKb();
    SearchResult r =
        service.search(SearchRequest.of("wheezing at night").withMode(SearchMode.BM25));
    assertThat(r.hits()).isNotEmpty();
    assertThat(r.hits().getFirst().documentId()).isEqualTo("asthma-1");
    assertThat(r.modeUsed()).isEqualTo(SearchMode.BM25);
  }

  @Test
  void hitsCarryCitationFieldsAndAHighlightedSnippet() throws IOException {
    indexSmallKb();
    SearchHit hit =
        service
            .search(SearchRequest.of("ringing ears").withMode(SearchMode.BM25))
            .hits()
            .getFirst();
    assertThat(hit.documentId()).isEqualTo("tinnitus-1");
    assertThat(hit.chunkId()).isEqualTo("tinnitus-1#0");
    assertThat(hit.metadata().source()).isEqualTo("MedlinePlus");
    assertThat(hit.metadata().url()).contains("https://example.org/tinnitus-1");
    assertThat(hit.metadata().focus()).contains("Tinnitus");
    assertThat(hit.metadata().questionType()).contains("information");
    Snippet s = hit.snippet();
    assertThat(s.highlights()).isNotEmpty();
    assertThat(s.highlights())
        .extracting(r -> s.text().substring(r.start(), r.end()).toLowerCase())
        .contains("ringing", "ears");
  }

  @Test
  void denseAndHybridFindRelatedDocuments() throws IOException {
    indexSmallKb();
    for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.HYBRID)) {
      SearchResult r = service.search(SearchRequest.of("inhalers for asthma").withMode(mode));
      assertThat(r.modeUsed()).isEqualTo(mode);
      assertThat(r.hits().getFirst().documentId()).isEqualTo("asthma-2");
    }
  }

  @Test
  void filteredKnnReturnsOnlyThePatientsDocumentsAndStillFillsK() throws IOException {
    List<IndexDocument> docs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String patient = i % 30 == 0 ? "P-1" : "P-" + (2 + i % 7);
      docs.add(
          note(
              "n" + i,
              patient,
              "cardiology",
              LocalDate.of(2024, 1, 1).plusDays(i),
              "Chest pain and palpitations, visit " + i + ". ECG shows sinus rhythm."));
    }
    service.upsertAll(docs, ProgressListener.NONE);
    SearchRequest req =
        new SearchRequest(
            "palpitations chest pain", 10, SearchMode.DENSE, SearchFilter.forPatient("P-1"));
    List<SearchHit> hits = service.search(req).hits();
    // P-1 owns 10 of 300 near-identical notes: a post-filter on the global top 100 would miss most
    assertThat(hits).hasSize(10);
    assertThat(hits).allSatisfy(h -> assertThat(h.metadata().patientId()).contains("P-1"));
    assertThat(service.search(req.withMode(SearchMode.HYBRID)).hits())
        .hasSize(10)
        .allSatisfy(h -> assertThat(h.metadata().patientId()).contains("P-1"));
  }

  @Test
  void theDenseQueryCarriesTheFilterIntoTheGraphSearch() {
    var q =
        service.knnQuery(
            new float[HashingTestEmbedder.DIM],
            50,
            SearchService.filterQuery(SearchFilter.forPatient("P-1")));
    assertThat(q).isInstanceOf(org.apache.lucene.search.KnnFloatVectorQuery.class);
    assertThat(((org.apache.lucene.search.KnnFloatVectorQuery) q).getFilter()).isNotNull();
  }

  @Test
  void specialtySourceTypeAndDateRangeFiltersApplyInEveryMode() throws IOException {
    service.upsertAll(
        List.of(
            note(
                "a",
                "P-1",
                "Cardiology",
                LocalDate.of(2024, 3, 1),
                "Hearing loss in left ear, audiogram done."),
            note(
                "b",
                "P-1",
                "audiology",
                LocalDate.of(2024, 5, 1),
                "Hearing loss in left ear, audiogram done."),
            note(
                "c",
                "P-1",
                "audiology",
                LocalDate.of(2025, 5, 1),
                "Hearing loss in left ear, audiogram done."),
            kb("k", "Hearing loss", "information", "Hearing loss in left ear, audiogram done.")),
        ProgressListener.NONE);
    SearchFilter f =
        SearchFilter.none()
            .withSpecialties(Set.of("AUDIOLOGY"))
            .withSourceTypes(Set.of("note"))
            .withDateRange(
                Optional.of(LocalDate.of(2024, 1, 1)), Optional.of(LocalDate.of(2024, 12, 31)));
    for (SearchMode mode : SearchMode.values()) {
      List<SearchHit> hits = service.search(new SearchRequest("hearing loss", 10, mode, f)).hits();
      assertThat(hits).extracting(SearchHit::documentId).containsExactly("b");
      assertThat(hits.getFirst().metadata().date()).contains(LocalDate.of(2024, 5, 1));
    }
    assertThat(
            service
                .search(
                    new SearchRequest(
                        "hearing loss",
                        10,
                        SearchMode.BM25,
                        SearchFilter.none()
                            .withSourceTypes(Set.of(DocumentMetadata.KNOWLEDGE_BASE))))
                .hits())
        .extracting(SearchHit::documentId)
        .containsExactly("k");
  }

  @Test
  void upsertReplacesAllChunksOfADocumentAndDeleteRemovesThem() throws IOException {
    Chunker small = new Chunker(20, 0);
    try (SearchService s =
        SearchService.open(
            tmp.resolve("upd"),
            KEY,
            Optional.of(new HashingTestEmbedder()),
            SearchConfig.defaults().withChunker(small))) {
      String longText = "Alpha beta gamma delta epsilon zeta eta theta. ".repeat(10);
      s.upsert(note("doc", "P-1", "general", LocalDate.of(2024, 1, 1), longText));
      int before = s.chunkCount();
      assertThat(before).isGreaterThan(3);
      s.upsert(
          note(
              "doc",
              "P-1",
              "general",
              LocalDate.of(2024, 1, 1),
              "Completely rewritten: kiwi banana."));
      assertThat(s.chunkCount()).isEqualTo(1);
      assertThat(s.search(SearchRequest.of("gamma").withMode(SearchMode.BM25)).hits()).isEmpty();
      assertThat(s.search(SearchRequest.of("kiwi").withMode(SearchMode.BM25)).hits())
          .extracting(SearchHit::documentId)
          .containsExactly("doc");
      s.upsert(note("other", "P-2", "general", LocalDate.of(2024, 1, 1), "kiwi allergy"));
      s.delete("doc");
      assertThat(s.search(SearchRequest.of("kiwi").withMode(SearchMode.HYBRID)).hits())
          .extracting(SearchHit::documentId)
          .containsExactly("other");
      s.deletePatient("P-2");
      assertThat(s.chunkCount()).isZero();
    }
  }

  @Test
  void reopeningAfterCommitKeepsDocumentsAndCommitData() throws IOException {
    indexSmallKb();
    service.commit(java.util.Map.of("encoder", "test"));
    service.close();
    service =
        SearchService.open(
            tmp.resolve("idx"),
            KEY,
            Optional.of(new HashingTestEmbedder()),
            SearchConfig.defaults());
    assertThat(service.chunkCount()).isEqualTo(5);
    assertThat(service.committedUserData()).containsEntry("encoder", "test");
  }

  @Test
  void rollbackLosesOnlyUncommittedChanges() throws IOException {
    indexSmallKb();
    service.commit();
    service.upsert(kb("late", "Late", "information", "uncommitted zebra text"));
    service.delete("gout-1");
    service.rollbackAndClose();
    service =
        SearchService.open(tmp.resolve("idx"), KEY, Optional.empty(), SearchConfig.defaults());
    assertThat(service.chunkCount()).isEqualTo(5);
    assertThat(service.search(SearchRequest.of("zebra").withMode(SearchMode.BM25)).hits())
        .isEmpty();
    assertThat(service.search(SearchRequest.of("gout").withMode(SearchMode.BM25)).hits())
        .hasSize(1);
  }

  @Test
  void withoutAnEncoderDenseFallsBackToBm25WithANotice() throws IOException {
    indexSmallKb();
    service.commit();
    service.close();
    service =
        SearchService.open(tmp.resolve("idx"), KEY, Optional.empty(), SearchConfig.defaults());
    SearchResult r = service.search(SearchRequest.of("gout toe"));
    assertThat(r.modeUsed()).isEqualTo(SearchMode.BM25);
    assertThat(r.notices()).anyMatch(n -> n.contains("Semantic search is unavailable"));
    assertThat(r.hits().getFirst().documentId()).isEqualTo("gout-1");
  }

  @Test
  void emptyQueryGivesAClearMessage() throws IOException {
    indexSmallKb();
    for (String q : new String[] {"", "   ", "\n\t"}) {
      SearchResult r = service.search(SearchRequest.of(q));
      assertThat(r.hits()).isEmpty();
      assertThat(r.notices()).containsExactly("Type a word or a question to search.");
    }
  }

  @Test
  void operatorLadenQueriesAreTreatedAsPlainWords() throws IOException {
    indexSmallKb();
    for (String q :
        new String[] {
          "AND OR NOT ((( title:*",
          "\"unterminated",
          "*:*",
          "asthma~2^5 [a TO z] /re.*gex/",
          "\\",
          "-",
          "!!!"
        }) {
      for (SearchMode mode : SearchMode.values()) {
        SearchResult r = service.search(SearchRequest.of(q).withMode(mode));
        assertThat(r).isNotNull();
      }
    }
    assertThat(
            service
                .search(SearchRequest.of("asthma~2^5 [a TO z]").withMode(SearchMode.BM25))
                .hits())
        .extracting(SearchHit::documentId)
        .contains("asthma-1");
    assertThat(service.search(SearchRequest.of("AND OR NOT").withMode(SearchMode.BM25)).notices())
        .contains("The query has no searchable words.");
  }

  @Test
  void anEnormousQueryIsShortenedWithANotice() throws IOException {
    indexSmallKb();
    StringBuilder sb = new StringBuilder();
    Random r = new Random(9);
    while (sb.length() < 1_000_000) {
      sb.append("asthma").append(r.nextInt(100_000)).append(' ');
    }
    SearchResult res = service.search(SearchRequest.of("asthma " + sb));
    assertThat(res.notices()).anyMatch(n -> n.contains("shortened"));
    assertThat(res.notices()).anyMatch(n -> n.contains("distinct words"));
    assertThat(res.hits()).extracting(SearchHit::documentId).contains("asthma-1");
  }

  @Test
  void nonLatinQueriesAndTextWork() throws IOException {
    indexSmallKb();
    service.upsert(
        kb("ja", "高血圧", "information", "高血圧は血圧が高い状態です。 Гипертония — повышенное давление."));
    assertThat(service.search(SearchRequest.of("Гипертония").withMode(SearchMode.BM25)).hits())
        .extracting(SearchHit::documentId)
        .containsExactly("ja");
    assertThat(service.search(SearchRequest.of("血圧")).hits())
        .extracting(SearchHit::documentId)
        .contains("ja");
    assertThat(service.search(SearchRequest.of("مرض السكري 😀")).hits()).isNotNull();
  }

  @Test
  void randomFuzzQueriesNeverThrow() throws IOException {
    indexSmallKb();
    Random r = new Random(1234);
    String alphabet = "aAzZ09 ()[]{}\"'*?~^:\\/+-!&|<>=.,;\t\n\u00e9\u4e2d\u0416\ud83d\ude00\u0000";
    for (int i = 0; i < 300; i++) {
      int len = r.nextInt(60);
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < len; j++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      SearchMode mode = SearchMode.values()[r.nextInt(3)];
      SearchResult res =
          service.search(
              new SearchRequest(sb.toString(), 1 + r.nextInt(20), mode, SearchFilter.none()));
      assertThat(res.hits().size()).isLessThanOrEqualTo(20);
    }
  }
}
