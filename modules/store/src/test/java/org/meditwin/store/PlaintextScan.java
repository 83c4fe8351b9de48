package org.meditwin.store;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Looks for a marker string in every file under a directory (UTF-8, UTF-16LE, UTF-16BE). */
final class PlaintextScan {
  private PlaintextScan() {}

  static boolean contains(byte[] data, String marker) {
    for (byte[] n : needles(marker)) {
      if (indexOf(data, n) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static List<byte[]> needles(String marker) {
    List<byte[]> needles = new ArrayList<>();
    for (String variant :
        List.of(marker, marker.toLowerCase(Locale.ROOT), marker.toUpperCase(Locale.ROOT))) {
      for (Charset cs :
          List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
        needles.add(variant.getBytes(cs));
      }
    }
    return needles;
  }

  /** Files (relative names) that contain the marker, in any case variant and encoding. */
  static List<String> filesContaining(Path root, String marker) throws IOException {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (contains(Files.readAllBytes(p), marker)) {
          hits.add(root.relativize(p).toString());
        }
      }
    }
    return hits;
  }

  static int countFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return (int) walk.filter(Files::isRegularFile).count();
    }
  }

  static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
