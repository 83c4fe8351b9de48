package org.meditwin.search;

import java.io.IOException;

/** An encrypted index file was written with a different key than the one supplied. */
public final class IndexKeyMismatchException extends IOException {
  public IndexKeyMismatchException(String fileName) {
    super("index file " + fileName + " was encrypted with a different key");
  }
}
