package org.meditwin.record.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads FHIR R4 JSON: Bundles ({@code .json}), bulk NDJSON ({@code .ndjson}, one resource a line)
 * and folders of them. Every resource is parsed on its own, so one malformed line or Bundle entry
 * is reported as a {@link FhirSkipped} item and the rest is still read.
 */
final class FhirReader {

  /** One successfully parsed resource and where it came from. */
  record Located(Resource resource, String source, String item, String fullUrl) {}

  /** Parsed resources plus the items that could not be read. */
  record Read(List<Located> resources, List<FhirSkipped> skipped) {}

  /** Longest accepted NDJSON line / Bundle (a single resource larger than this is refused). */
  static final int MAX_RESOURCE_CHARS = 32 * 1024 * 1024;

  private static final FhirContext CONTEXT = FhirContext.forR4Cached();

  private final ObjectMapper json;

  FhirReader() {
    this.json = new ObjectMapper();
    json.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(MAX_RESOURCE_CHARS)
                .maxNestingDepth(200)
                .build());
    json.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  static FhirContext context() {
    return CONTEXT;
  }

  static IParser parser() {
    IParser p = CONTEXT.newJsonParser();
    p.setParserErrorHandler(new LenientErrorHandler(false));
    return p;
  }

  /** A file (.json Bundle/resource or .ndjson) or a folder of them (not recursive, sorted). */
  Read read(Path path) throws IOException {
    List<Located> out = new ArrayList<>();
    List<FhirSkipped> skipped = new ArrayList<>();
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(path)) {
        files =
            s.filter(Files::isRegularFile)
                .filter(
                    f -> {
                      String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                      return n.endsWith(".ndjson") || n.endsWith(".json");
                    })
                .sorted()
                .toList();
      }
      if (files.isEmpty()) {
        throw new IOException("no .ndjson or .json files in that folder");
      }
      for (Path f : files) {
        readFile(f, out, skipped);
      }
    } else if (Files.isRegularFile(path)) {
      readFile(path, out, skipped);
    } else {
      throw new IOException("no such file or folder: " + path.getFileName());
    }
    return new Read(out, skipped);
  }

  private void readFile(Path f, List<Located> out, List<FhirSkipped> skipped) throws IOException {
    String name = f.getFileName().toString();
    if (Files.size(f) == 0) {
      skipped.add(new FhirSkipped(name, "", "empty file"));
      return;
    }
    try (InputStream in = Files.newInputStream(f)) {
      if (name.toLowerCase(Locale.ROOT).endsWith(".ndjson")) {
        readNdjson(in, name, out, skipped);
      } else {
        readJson(in, name, out, skipped);
      }
    }
  }

  /** NDJSON: one resource per line; blank lines are ignored. */
  void readNdjson(InputStream in, String source, List<Located> out, List<FhirSkipped> skipped)
      throws IOException {
    BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)));
    long lineNo = 0;
    while (true) {
      String line;
      try {
        line = readLine(r);
      } catch (CharacterCodingException e) {
        skipped.add(
            new FhirSkipped(
                source, "line " + (lineNo + 1), "not UTF-8 text; rest of file skipped"));
        return;
      } catch (LineTooLongException e) {
        lineNo++;
        skipped.add(new FhirSkipped(source, "line " + lineNo, "line too long (over 32 MiB)"));
        continue;
      }
      if (line == null) {
        return;
      }
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      parseOne(line, source, "line " + lineNo, "", out, skipped);
    }
  }

  /** A JSON file: a Bundle (each entry parsed on its own) or a single resource. */
  void readJson(InputStream in, String source, List<Located> out, List<FhirSkipped> skipped)
      throws IOException {
    JsonNode root;
    try {
      root = json.readTree(in);
    } catch (JsonProcessingException e) {
      skipped.add(new FhirSkipped(source, "", "not valid JSON (" + shortReason(e) + ")"));
      return;
    }
    if (root == null || !root.isObject()) {
      skipped.add(new FhirSkipped(source, "", "not a FHIR JSON object"));
      return;
    }
    if (!"Bundle".equals(root.path("resourceType").asText())) {
      parseOne(root.toString(), source, "resource", "", out, skipped);
      return;
    }
    JsonNode entries = root.path("entry");
    if (!entries.isArray()) {
      skipped.add(new FhirSkipped(source, "", "Bundle without entries"));
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      JsonNode res = e.path("resource");
      String item = "entry " + i;
      if (!res.isObject()) {
        skipped.add(new FhirSkipped(source, item, "entry without a resource"));
        continue;
      }
      parseOne(res.toString(), source, item, e.path("fullUrl").asText(""), out, skipped);
    }
  }

  private void parseOne(
      String text,
      String source,
      String item,
      String fullUrl,
      List<Located> out,
      List<FhirSkipped> skipped) {
    try {
      JsonNode node = json.readTree(text);
      if (node == null || !node.isObject() || !node.path("resourceType").isTextual()) {
        skipped.add(new FhirSkipped(source, item, "not a FHIR resource (no resourceType)"));
        return;
      }
      IBaseResource r = parser().parseResource(text);
      if (!(r instanceof Resource res)) {
        skipped.add(new FhirSkipped(source, item, "not a FHIR R4 resource"));
        return;
      }
      out.add(new Located(res, source, item, fullUrl));
    } catch (JsonProcessingException e) {
      skipped.add(new FhirSkipped(source, item, "not valid JSON (" + shortReason(e) + ")"));
    } catch (DataFormatException | IllegalArgumentException | ClassCastException e) {
      skipped.add(new FhirSkipped(source, item, "not valid FHIR R4 (" + fhirReason(e) + ")"));
    }
  }

  /** Jackson's message without the excerpt of the input (which may be PHI). */
  static String shortReason(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "syntax error";
    }
    int quote = m.indexOf('\'');
    String cut = quote > 0 ? m.substring(0, quote).strip() : m;
    cut = cut.length() > 120 ? cut.substring(0, 120) : cut;
    return e.getLocation() == null ? cut : cut + " at column " + e.getLocation().getColumnNr();
  }

  /** HAPI's message names elements and values; keep only the kind of problem. */
  static String fhirReason(Exception e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (m.contains("Unknown resource name") || m.contains("Unknown resource type")) {
      return "unknown resource type";
    }
    if (m.contains("Invalid date") || m.contains("Invalid attribute value") || m.contains("date")) {
      return "invalid value";
    }
    return e.getClass().getSimpleName();
  }

  private static final class LineTooLongException extends IOException {
    LineTooLongException() {
      super("line too long");
    }
  }

  /** readLine with a length cap: the remainder of an over-long line is consumed and refused. */
  private static String readLine(BufferedReader r) throws IOException {
    StringBuilder b = new StringBuilder();
    boolean tooLong = false;
    while (true) {
      int c = r.read();
      if (c < 0) {
        if (tooLong) {
          throw new LineTooLongException();
        }
        return b.isEmpty() ? null : b.toString();
      }
      if (c == '\n') {
        if (tooLong) {
          throw new LineTooLongException();
        }
        int len = b.length();
        if (len > 0 && b.charAt(len - 1) == '\r') {
          b.setLength(len - 1);
        }
        return b.toString();
      }
      if (!tooLong) {
        if (b.length() >= MAX_RESOURCE_CHARS) {
          tooLong = true;
          b.setLength(0);
        } else {
          b.append((char) c);
        }
      }
    }
  }
}
