package org.meditwin.documents;

/**
 * A PHI-free snapshot of one job for progress displays.
 *
 * @param pagesTotal 0 until the document has been opened
 */
public record JobProgress(String documentId, DocumentStatus status, int pagesDone, int pagesTotal) {

  /** 0–1, or -1 while unknown. */
  public double fraction() {
    return pagesTotal <= 0 ? -1 : (double) pagesDone / pagesTotal;
  }
}
