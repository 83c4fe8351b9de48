package org.meditwin.documents;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets {@code OMP_THREAD_LIMIT=1} in the process environment before libtesseract (and with it
 * libgomp) is loaded. OpenMP reads the variable once when it initialises; with its default of one
 * thread per core, Tesseract on this class of machine takes ~2.2 s per page instead of ~0.4 s and
 * competes with the UI. The launchers should export it too; this is the safety net for launchers
 * that cannot (the jpackage launcher has no way to set environment variables).
 */
final class NativeEnvironment {
  private static final Logger LOG = LoggerFactory.getLogger(NativeEnvironment.class);
  static final String OMP_THREAD_LIMIT = "OMP_THREAD_LIMIT";

  private interface LibC extends Library {
    int setenv(String name, String value, int overwrite);

    String getenv(String name);
  }

  private static volatile boolean done;

  private NativeEnvironment() {}

  /** Idempotent; keeps a value the user set explicitly. */
  static synchronized void limitOpenMpThreads() {
    if (done) {
      return;
    }
    done = true;
    try {
      LibC libc = Native.load("c", LibC.class);
      if (libc.getenv(OMP_THREAD_LIMIT) == null) {
        libc.setenv(OMP_THREAD_LIMIT, "1", 0);
        LOG.info("OCR: {} was not set; set to 1 for this process", OMP_THREAD_LIMIT);
      }
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      LOG.warn("OCR: could not set {} ({}); OCR may be slow", OMP_THREAD_LIMIT, e.toString());
    }
  }

  /** The value libc sees now (what OpenMP will read), if any. */
  static String currentOmpThreadLimit() {
    try {
      return Native.load("c", LibC.class).getenv(OMP_THREAD_LIMIT);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return null;
    }
  }
}
