package org.meditwin.inference.registry;

/**
 * One file of a model with its expected SHA-256.
 *
 * @param path relative to the model folder, or {@code classpath:/resource} for files shipped inside
 *     a dependency jar (the bge encoders)
 * @param sha256 lowercase hex digest
 * @param bytes expected size, or -1 when unknown
 */
public record ModelFile(String path, String sha256, long bytes) {
  static final String CLASSPATH = "classpath:";

  public ModelFile {
    if (path == null || path.isBlank() || sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a model file needs a path and a sha256 digest");
    }
    if (!path.startsWith(CLASSPATH) && (path.contains("..") || path.startsWith("/"))) {
      throw new IllegalArgumentException("model file paths must stay inside the model folder");
    }
  }

  public boolean onClassPath() {
    return path.startsWith(CLASSPATH);
  }
}
