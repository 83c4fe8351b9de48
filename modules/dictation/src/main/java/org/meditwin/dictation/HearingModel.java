package org.meditwin.dictation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Verifies models/asr-hearing-lm/ against the SHA-256 sums in its model.json. */
final class HearingModel {
  static final String LM_FILE = "hearing.lm";
  static final String DICT_FILE = "hearing.dict";

  private HearingModel() {}

  /** Empty when every listed file is present and matches; otherwise the problem. */
  static String verify(Path folder) {
    Path descriptor = folder.resolve("model.json");
    if (!Files.isRegularFile(descriptor)) {
      return "domain model not found at " + folder + " (build it: ./run asr build-lm)";
    }
    try {
      JsonNode json = new ObjectMapper().readTree(descriptor.toFile());
      boolean lm = false;
      boolean dict = false;
      for (JsonNode f : json.path("files")) {
        String name = f.path("path").asText();
        Path p = folder.resolve(name).normalize();
        if (!p.startsWith(folder.normalize()) || !Files.isRegularFile(p)) {
          return "domain model file missing: " + name;
        }
        if (!sha256(p).equalsIgnoreCase(f.path("sha256").asText())) {
          return "domain model file is corrupt (checksum mismatch): " + name;
        }
        lm |= LM_FILE.equals(name);
        dict |= DICT_FILE.equals(name);
      }
      if (!lm || !dict) {
        return "domain model descriptor does not list " + LM_FILE + " and " + DICT_FILE;
      }
      return "";
    } catch (IOException e) {
      return "domain model descriptor unreadable: " + e.getMessage();
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
