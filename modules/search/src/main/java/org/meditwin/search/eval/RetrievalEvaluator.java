package org.meditwin.search.eval;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.search.DocumentMetadata;
import org.meditwin.search.IndexDocument;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.SearchFilter;
import org.meditwin.search.SearchHit;
import org.meditwin.search.SearchMode;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchService;
import org.meditwin.search.TextEmbedder;

/**
 * Indexes a BEIR corpus once (encrypted, throw-away key) and scores rankings for any mode and
 * fusion setting. Chunk hits are collapsed to their document (best chunk wins), as BEIR judges
 * documents.
 */
public final class RetrievalEvaluator implements Closeable {
  /** Chunks fetched per query before collapsing to the top 100 documents. */
  static final int CHUNK_DEPTH = 300;

  private final BeirDataset data;
  private final Path indexDir;
  private final byte[] key;
  private final Optional<TextEmbedder> embedder;
  private SearchConfig config;
  private SearchService service;

  private RetrievalEvaluator(
      BeirDataset data,
      Path indexDir,
      byte[] key,
      Optional<TextEmbedder> embedder,
      SearchConfig config,
      SearchService service) {
    this.data = data;
    this.indexDir = indexDir;
    this.key = key;
    this.embedder = embedder;
    this.config = config;
    this.service = service;
  }

  /** Builds the evaluation index in {@code indexDir} (must be empty or absent). */
  public static RetrievalEvaluator index(
      BeirDataset data,
      Optional<TextEmbedder> embedder,
      SearchConfig config,
      Path indexDir,
      ProgressListener progress)
      throws IOException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Optional<TextEmbedder> cached = embedder;
    SearchService s =
        SearchService.open(
            indexDir,
            key,
            cached,
            config.withCandidates(Math.max(config.candidates(), CHUNK_DEPTH)));
    List<IndexDocument> docs = new ArrayList<>();
    for (BeirDataset.CorpusDoc d : data.corpus().values()) {
      docs.add(
          new IndexDocument(
              d.id(),
              d.title(),
              d.text(),
              DocumentMetadata.knowledgeBase("eval", "", d.title(), "")));
    }
    s.upsertAll(docs, progress);
    s.commit();
    return new RetrievalEvaluator(data, indexDir, key, cached, s.config(), s);
  }

  /** Mean metrics for {@code mode} over {@code queryIds} with the given fusion settings. */
  public RetrievalMetrics.Summary evaluate(
      SearchMode mode, Collection<String> queryIds, SearchConfig settings) throws IOException {
    use(settings);
    List<List<String>> rankings = new ArrayList<>();
    List<Map<String, Integer>> rels = new ArrayList<>();
    for (String qid : queryIds) {
      rankings.add(rank(mode, data.queries().get(qid)));
      rels.add(data.qrels().get(qid));
    }
    return RetrievalMetrics.Summary.of(rankings, rels);
  }

  /**
   * Raw chunk hits of one retriever or the fused list (depth {@value #CHUNK_DEPTH}, no snippets),
   * for fusion studies that combine the lists offline.
   */
  public List<SearchHit> chunkHits(SearchMode mode, String query) throws IOException {
    return service
        .search(
            new SearchRequest(
                    Objects.requireNonNullElse(query, ""), CHUNK_DEPTH, mode, SearchFilter.none())
                .withoutSnippets())
        .hits();
  }

  /** Document ranking (at most 100) for one query. */
  public List<String> rank(SearchMode mode, String query) throws IOException {
    List<SearchHit> hits =
        service
            .search(
                new SearchRequest(
                    Objects.requireNonNullElse(query, ""), CHUNK_DEPTH, mode, SearchFilter.none()))
            .hits();
    Set<String> docs = new LinkedHashSet<>();
    for (SearchHit h : hits) {
      docs.add(h.documentId());
      if (docs.size() == 100) {
        break;
      }
    }
    return List.copyOf(docs);
  }

  private void use(SearchConfig settings) throws IOException {
    SearchConfig wanted =
        settings
            .withCandidates(Math.max(settings.candidates(), CHUNK_DEPTH))
            .withChunker(config.chunker());
    if (!wanted.equals(config)) {
      service.close();
      service = SearchService.open(indexDir, key, embedder, wanted);
      config = wanted;
    }
  }

  public BeirDataset dataset() {
    return data;
  }

  public int chunkCount() throws IOException {
    return service.chunkCount();
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
