package org.meditwin.inference.generate;

/**
 * A passage an answer may draw on (knowledge-base chunk or patient record excerpt).
 *
 * @param id stable id shown in citations (e.g. a chunk id)
 * @param title human-readable source title
 * @param url source address or record reference, may be empty
 * @param text the passage text
 */
public record SourcePassage(String id, String title, String url, String text) {
  public SourcePassage {
    if (id == null || id.isBlank() || text == null) {
      throw new IllegalArgumentException("a source passage needs an id and text");
    }
    title = title == null ? "" : title;
    url = url == null ? "" : url;
  }
}
