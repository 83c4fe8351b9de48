package org.meditwin.imaging.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** JSON (format 1) for report content and structured findings, as stored and exported. */
public final class ReportCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportCodec() {}

  public static String encode(ReportContent c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", 1);
    o.put("template", c.template().name());
    o.put("technique", c.technique());
    o.put("findings", c.findings());
    o.put("impression", c.impression());
    return o.toString();
  }

  public static ReportContent decodeContent(String json) {
    JsonNode o = read(json);
    return new ReportContent(
        ReportTemplate.valueOf(o.path("template").asText("GENERIC")),
        o.path("technique").asText(""),
        o.path("findings").asText(""),
        o.path("impression").asText(""));
  }

  public static ObjectNode findingsJson(StructuredFindings f) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", 1);
    Technique t = f.technique();
    ObjectNode tech = o.putObject("technique");
    tech.put("modality", t.modality());
    tech.put("bodyPart", t.bodyPart());
    tech.put("views", t.views());
    t.kvp().ifPresent(v -> tech.put("kvp", v));
    t.exposureMas().ifPresent(v -> tech.put("exposureMas", v));
    t.sliceThicknessMm().ifPresent(v -> tech.put("sliceThicknessMm", v));
    tech.put("contrastAgent", t.contrastAgent());
    tech.put("images", t.images());
    ArrayNode ms = o.putArray("measurements");
    for (Measurement m : f.measurements()) {
      ObjectNode n = ms.addObject();
      n.put("label", m.label());
      switch (m) {
        case Measurement.Distance d -> {
          n.put("kind", "distance");
          n.put("mm", d.millimetres());
        }
        case Measurement.Region r -> {
          n.put("kind", "roi");
          n.put("mean", r.mean());
          n.put("sd", r.standardDeviation());
          r.areaMm2().ifPresent(a -> n.put("areaMm2", a));
          n.put("unit", r.unit());
        }
      }
    }
    ArrayNode mf = o.putArray("modelFindings");
    for (ModelFinding m : f.modelFindings()) {
      ObjectNode n = mf.addObject();
      n.put("label", m.label());
      n.put("probability", m.probability());
      n.put("positive", m.positive());
      n.put("model", m.modelName());
      n.put("version", m.modelVersion());
      n.put("applicable", m.applicable());
      n.put("applicabilityNote", m.applicabilityNote());
      m.side().ifPresent(s -> n.put("side", s));
    }
    return o;
  }

  public static String encode(StructuredFindings f) {
    return findingsJson(f).toString();
  }

  public static StructuredFindings decodeFindings(String json) {
    JsonNode o = read(json);
    JsonNode t = o.path("technique");
    Technique technique =
        new Technique(
            t.path("modality").asText(""),
            t.path("bodyPart").asText(""),
            t.path("views").asText(""),
            optional(t, "kvp"),
            optional(t, "exposureMas"),
            optional(t, "sliceThicknessMm"),
            t.path("contrastAgent").asText(""),
            t.path("images").asInt(0));
    List<Measurement> ms = new ArrayList<>();
    for (JsonNode n : o.path("measurements")) {
      String label = n.path("label").asText("");
      if ("distance".equals(n.path("kind").asText())) {
        ms.add(new Measurement.Distance(label, n.path("mm").asDouble()));
      } else {
        ms.add(
            new Measurement.Region(
                label,
                n.path("mean").asDouble(),
                n.path("sd").asDouble(),
                optional(n, "areaMm2"),
                n.path("unit").asText("")));
      }
    }
    List<ModelFinding> mf = new ArrayList<>();
    for (JsonNode n : o.path("modelFindings")) {
      mf.add(
          new ModelFinding(
              n.path("label").asText(""),
              n.path("probability").asDouble(),
              n.path("model").asText(""),
              n.path("version").asText(""),
              n.path("applicable").asBoolean(true),
              n.path("applicabilityNote").asText(""),
              n.hasNonNull("side") ? Optional.of(n.get("side").asText()) : Optional.empty()));
    }
    return new StructuredFindings(technique, ms, mf);
  }

  public static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Double> optional(JsonNode n, String field) {
    return n.hasNonNull(field) ? Optional.of(n.get(field).asDouble()) : Optional.empty();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored report content is unreadable", e);
    }
  }
}
