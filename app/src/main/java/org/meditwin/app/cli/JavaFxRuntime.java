package org.meditwin.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Facts about the JavaFX runtime that need no window: its version and whether its native libraries
 * (and GTK 3, which the window needs) load in this process.
 */
final class JavaFxRuntime {
  /** Libraries the software pipeline and text rendering need; none of them opens a display. */
  static final List<String> NATIVE_LIBRARIES = List.of("glass", "prism_sw", "javafx_font");

  private static final List<Path> LIBRARY_DIRS =
      List.of(
          Path.of("/usr/lib/x86_64-linux-gnu"),
          Path.of("/lib/x86_64-linux-gnu"),
          Path.of("/usr/lib/aarch64-linux-gnu"),
          Path.of("/usr/lib64"),
          Path.of("/usr/lib"));

  private JavaFxRuntime() {}

  /** The JavaFX runtime version (e.g. 25.0.4+2), read without starting the toolkit. */
  static Optional<String> version() {
    try {
      Class<?> base = Class.forName("javafx.beans.Observable");
      try (InputStream in = base.getResourceAsStream("/javafx.properties")) {
        if (in == null) {
          return Optional.empty();
        }
        Properties properties = new Properties();
        properties.load(in);
        return Optional.ofNullable(properties.getProperty("javafx.runtime.version"));
      }
    } catch (ClassNotFoundException | IOException e) {
      return Optional.empty();
    }
  }

  /** Result of loading the natives: what loaded and the first failure, if any. */
  record NativeCheck(boolean ok, String detail) {}

  /**
   * Loads JavaFX's own native libraries the way JavaFX does (from a jlink runtime's lib folder or
   * unpacked from the platform jar) and checks that GTK 3 is loadable. No toolkit, no window.
   */
  static NativeCheck loadNatives() {
    List<String> loaded = new ArrayList<>();
    for (String library : NATIVE_LIBRARIES) {
      Optional<String> problem = load(library);
      if (problem.isPresent()) {
        return new NativeCheck(false, "cannot load lib" + library + ".so: " + problem.get());
      }
      loaded.add(library);
    }
    Optional<Path> gtk = findSystemLibrary("libgtk-3.so.0");
    if (gtk.isEmpty()) {
      return new NativeCheck(
          false,
          "loaded "
              + String.join(", ", loaded)
              + " but GTK 3 (libgtk-3.so.0) is not installed"
              + " (Debian: apt-get install libgtk-3-0)");
    }
    try {
      System.load(gtk.get().toString());
    } catch (UnsatisfiedLinkError e) {
      return new NativeCheck(false, "GTK 3 at " + gtk.get() + " does not load: " + e.getMessage());
    }
    return new NativeCheck(true, "loaded " + String.join(", ", loaded) + " and " + gtk.get());
  }

  private static Optional<String> load(String library) {
    Path inRuntime = Path.of(System.getProperty("java.home"), "lib", "lib" + library + ".so");
    try {
      Class<?> loader = Class.forName("com.sun.glass.utils.NativeLibLoader");
      loader.getMethod("loadLibrary", String.class).invoke(null, library);
      return Optional.empty();
    } catch (IllegalAccessException e) {
      // javafx.graphics is a named module without --add-exports: load from the runtime image
      return loadFile(inRuntime);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      return Optional.of(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } catch (ReflectiveOperationException | LinkageError e) {
      return loadFile(inRuntime);
    }
  }

  private static Optional<String> loadFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.of("JavaFX natives not found (looked in " + file.getParent() + ")");
    }
    try {
      System.load(file.toString());
      return Optional.empty();
    } catch (UnsatisfiedLinkError e) {
      return Optional.of(e.getMessage());
    }
  }

  static Optional<Path> findSystemLibrary(String fileName) {
    return LIBRARY_DIRS.stream().map(d -> d.resolve(fileName)).filter(Files::exists).findFirst();
  }
}
