package org.meditwin.inference.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts DJL into strictly offline mode before any DJL class initialises (ADR 0050).
 *
 * <p>DJL reads each setting from the environment first and then from a system property of the same
 * name ({@code Utils.getEnvOrSystemProperty}), so the launcher's environment wins and these
 * properties are the in-process safety net. Offline mode is forced even if the environment says
 * otherwise: the workstation never downloads engines or models.
 */
public final class DjlEnvironment {
  private static final Logger LOG = LoggerFactory.getLogger(DjlEnvironment.class);
  private static volatile Path configuredCacheDir;

  private DjlEnvironment() {}

  /**
   * Configures offline DJL with its native/engine cache under {@code cacheDir}. Idempotent; the
   * first call decides the cache directory for the JVM.
   *
   * @return the settings in effect, for {@code doctor} output
   */
  public static synchronized Map<String, String> configureOffline(Path cacheDir) {
    Path dir = cacheDir.toAbsolutePath().normalize();
    if (configuredCacheDir == null) {
      try {
        Files.createDirectories(dir);
      } catch (java.io.IOException e) {
        LOG.warn("cannot create DJL cache directory {}: {}", dir, e.getMessage());
      }
      configuredCacheDir = dir;
    }
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("DJL_OFFLINE", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    setIfAbsent("DJL_CACHE_DIR", configuredCacheDir.toString());
    setIfAbsent("ENGINE_CACHE_DIR", configuredCacheDir.toString());
    setIfAbsent("ai.djl.default_engine", "PyTorch");
    setIfAbsent("ai.djl.onnx.disable_alternative", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", "1");
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    // llama.cpp's JNI library unpacks into the app cache too, not /tmp
    setIfAbsent("de.kherud.llama.tmpdir", configuredCacheDir.resolve("llama").toString());
    try {
      Files.createDirectories(configuredCacheDir.resolve("llama"));
    } catch (java.io.IOException e) {
      LOG.warn("cannot create the llama.cpp native folder: {}", e.getMessage());
    }
    return settings();
  }

  /** The DJL-related settings as DJL will see them (environment first, then properties). */
  public static Map<String, String> settings() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key :
        new String[] {
          "DJL_OFFLINE",
          "ai.djl.offline",
          "OPT_OUT_TRACKING",
          "DJL_CACHE_DIR",
          "ENGINE_CACHE_DIR",
          "ai.djl.default_engine",
          "ai.djl.onnx.disable_alternative",
          "ai.djl.pytorch.num_threads"
        }) {
      String env = System.getenv(key);
      String value = env != null ? env : System.getProperty(key);
      out.put(key, value == null ? "" : value);
    }
    return out;
  }

  /** True when DJL will refuse every download. */
  public static boolean isOffline() {
    String env = System.getenv("DJL_OFFLINE");
    if (env != null) {
      return Boolean.parseBoolean(env);
    }
    return Boolean.parseBoolean(System.getProperty("ai.djl.offline"));
  }

  /** Default cache directory: {@code $XDG_CACHE_HOME/meditwin/djl} or {@code ~/.cache/...}. */
  public static Path defaultCacheDir() {
    String explicit = System.getenv("DJL_CACHE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String prop = System.getProperty("DJL_CACHE_DIR");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("meditwin").resolve("djl");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getenv(key) == null && System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
