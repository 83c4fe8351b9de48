package org.meditwin.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/** Snippets from the {@link UnifiedHighlighter} using the offsets stored in the postings. */
final class Highlighting {
  private static final int FALLBACK_CHARS = 280;

  private Highlighting() {}

  static Snippet[] snippets(
      IndexSearcher searcher, Analyzer analyzer, String field, Optional<Query> query, int[] docIds)
      throws IOException {
    Snippet[] out = new Snippet[docIds.length];
    if (query.isPresent()) {
      SnippetHighlighter h =
          new SnippetHighlighter(
              UnifiedHighlighter.builder(searcher, analyzer)
                  .withFormatter(new SnippetFormatter())
                  .withMaxNoHighlightPassages(0)
                  .withHighlightPhrasesStrictly(false));
      Object[] objs =
          h.objects(new String[] {field}, query.get(), docIds.clone(), new int[] {1}).get(field);
      for (int i = 0; i < docIds.length; i++) {
        if (objs != null && objs[i] instanceof Snippet s) {
          out[i] = s;
        }
      }
    }
    for (int i = 0; i < docIds.length; i++) {
      if (out[i] == null) {
        String text = searcher.storedFields().document(docIds[i]).get(field);
        out[i] = leading(text == null ? "" : text);
      }
    }
    return out;
  }

  static Snippet leading(String text) {
    if (text.length() <= FALLBACK_CHARS) {
      return new Snippet(text, List.of());
    }
    int cut = text.lastIndexOf(' ', FALLBACK_CHARS);
    return new Snippet(text.substring(0, cut > 0 ? cut : FALLBACK_CHARS) + " …", List.of());
  }

  private static final class SnippetHighlighter extends UnifiedHighlighter {
    SnippetHighlighter(Builder builder) {
      super(builder);
    }

    Map<String, Object[]> objects(String[] fields, Query q, int[] docs, int[] maxPassages)
        throws IOException {
      return highlightFieldsAsObjects(fields, q, docs, maxPassages);
    }
  }

  private static final class SnippetFormatter extends PassageFormatter {
    @Override
    public Object format(Passage[] passages, String content) {
      if (passages.length == 0) {
        return null;
      }
      Passage p = passages[0];
      int start = p.getStartOffset();
      int end = Math.min(content.length(), p.getEndOffset());
      String text = content.substring(start, end);
      List<Snippet.Range> ranges = new ArrayList<>();
      int[] ms = p.getMatchStarts();
      int[] me = p.getMatchEnds();
      int last = -1;
      for (int i = 0; i < p.getNumMatches(); i++) {
        int s = Math.max(ms[i], start) - start;
        int e = Math.min(me[i], end) - start;
        if (e > s && s >= last) {
          ranges.add(new Snippet.Range(s, e));
          last = e;
        }
      }
      return new Snippet(text, ranges);
    }
  }
}
