package org.meditwin.app.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** A few MedQuAD-shaped JSON lines: a real BM25 knowledge base built in about a second. */
public final class TinyKnowledgeBase {
  private TinyKnowledgeBase() {}

  private static final List<List<String>> ENTRIES =
      List.of(
          List.of(
              "0000001-1",
              "What is (are) Asthma ?",
              "Asthma",
              "Asthma is a chronic disease that inflames and narrows the airways of the lungs."
                  + " Asthma causes wheezing, chest tightness, shortness of breath and coughing.",
              "MPlusHealthTopics",
              "https://medlineplus.gov/asthma.html",
              "information"),
          List.of(
              "0000002-1",
              "What are the symptoms of High Blood Pressure ?",
              "High Blood Pressure",
              "High blood pressure usually has no symptoms. Very high blood pressure can cause"
                  + " headaches, nosebleeds and shortness of breath.",
              "NHLBI",
              "https://www.nhlbi.nih.gov/health/high-blood-pressure",
              "symptoms"),
          List.of(
              "0000003-1",
              "How to prevent Diabetes ?",
              "Diabetes",
              "Type 2 diabetes can often be prevented or delayed by losing weight, eating"
                  + " healthy food and being more active.",
              "NIDDK",
              "https://www.niddk.nih.gov/health-information/diabetes",
              "prevention"));

  /** Settings that index the entries (gzip JSON lines held in memory) without an encoder. */
  public static KnowledgeBaseSettings settings() {
    ObjectMapper json = new ObjectMapper();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      for (List<String> e : ENTRIES) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("qa_id", e.get(0));
        o.put("question", e.get(1));
        o.put("focus", e.get(2));
        o.put("answer", e.get(3));
        o.put("source", e.get(4));
        o.put("url", e.get(5));
        o.put("qtype", e.get(6));
        out.write((json.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] gz = bytes.toByteArray();
    return new KnowledgeBaseSettings(
        () -> new java.io.ByteArrayInputStream(gz), EncoderLoader.none());
  }
}
