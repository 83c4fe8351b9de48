package org.meditwin.imaging.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.meditwin.inference.generate.Generation;
import org.meditwin.inference.generate.GenerationRequest;
import org.meditwin.inference.generate.GenerativeProvider;
import org.meditwin.inference.generate.TokenSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafts a report from structured findings. The deterministic template prose is always available
 * and is the draft when no generative provider is configured (or it fails, or only extracts); with
 * a provider (local GGUF model or clinic server, the inference provider chain chat and SOAP use)
 * the provider writes the prose from the findings alone — it never sees patient identifiers. Either
 * way every sentence goes through {@link ReportValidator}.
 */
public final class ReportDrafter {
  private static final Logger LOG = LoggerFactory.getLogger(ReportDrafter.class);

  static final String SYSTEM_PROMPT =
      """
      You are a radiologist's reporting assistant. The user message lists the structured findings \
      of one imaging study: technique, measurements and image-model outputs. Write a concise \
      report using ONLY these facts: no number, side (left/right) or finding that the list does \
      not state; state model outputs as model outputs with their probability; mention every \
      measurement and every model output. Write three sections with the headings TECHNIQUE:, \
      FINDINGS:, IMPRESSION: each on its own line, followed by short sentences.""";

  /** Why a draft is template prose rather than generated. */
  public static final String NO_PROVIDER =
      "No generative model is configured on this workstation: the draft is the template's prose.";

  private ReportDrafter() {}

  /** The deterministic template draft. */
  public static ReportContent templateDraft(ReportTemplate template, StructuredFindings f) {
    String technique = f.technique().prose(template);
    List<String> findings = new ArrayList<>();
    findings.add(template.reviewSentence());
    for (Measurement m : f.measurements()) {
      findings.add(m.prose());
    }
    for (ModelFinding m : f.modelFindings()) {
      findings.add(m.prose());
    }
    if (f.measurements().isEmpty() && f.modelFindings().isEmpty()) {
      findings.add("No measurements were made and no image model was run.");
    }
    return new ReportContent(template, technique, String.join(" ", findings), impression(f));
  }

  private static String impression(StructuredFindings f) {
    List<String> out = new ArrayList<>();
    for (ModelFinding m : f.modelFindings()) {
      if (!m.applicable()) {
        out.add(
            "The model output for "
                + m.label()
                + " ("
                + m.percent()
                + ") is outside the model's"
                + " scope for this image and is not used.");
      } else if (m.positive()) {
        out.add(
            "Appearance suggestive of "
                + m.label()
                + m.side().map(s -> s.equals("bilateral") ? ", bilateral" : ", " + s).orElse("")
                + " (model probability "
                + m.percent()
                + "); correlate clinically.");
      } else {
        out.add("The model does not support " + m.label() + " (probability " + m.percent() + ").");
      }
    }
    if (!f.measurements().isEmpty()) {
      out.add("Measurements as above.");
    }
    if (out.isEmpty()) {
      out.add("No automated findings; the reading clinician states the impression.");
    }
    out.add("Decision support only: the images must be read by a clinician.");
    return String.join(" ", out);
  }

  /**
   * A draft: generated when {@code provider} is present, available and writes all three sections
   * (sections it leaves out keep the template prose), else the template prose with a notice.
   */
  public static ReportDraft draft(
      ReportTemplate template,
      StructuredFindings f,
      Optional<GenerativeProvider> provider,
      TokenSink sink,
      BooleanSupplier cancelled) {
    ReportContent base = templateDraft(template, f);
    if (provider.isEmpty()) {
      return finish(base, f, "template", Optional.of(NO_PROVIDER));
    }
    GenerativeProvider g = provider.get();
    if (!g.available()) {
      return finish(
          base,
          f,
          "template",
          Optional.of("The generative provider " + g.name() + " is unavailable: template prose."));
    }
    Generation out;
    try {
      out =
          g.generate(
              new GenerationRequest(
                  SYSTEM_PROMPT,
                  "Report title: " + template.title() + "\n" + f.text(),
                  List.of(),
                  700,
                  0.1),
              t -> {
                if (!cancelled.getAsBoolean()) {
                  sink.token(t);
                }
              });
    } catch (RuntimeException e) {
      LOG.warn("generative report draft failed: {}", e.getClass().getSimpleName());
      return finish(
          base,
          f,
          "template",
          Optional.of("The generative provider " + g.name() + " failed: template prose."));
    }
    if (out.extractive() || out.text().isBlank()) {
      return finish(
          base,
          f,
          "template",
          Optional.of("The generative provider wrote no report: template prose."));
    }
    Map<ReportSection, String> sections = parse(out.text());
    ReportContent content = base;
    List<ReportSection> kept = new ArrayList<>();
    for (ReportSection s : ReportSection.values()) {
      String text = sections.getOrDefault(s, "").strip();
      if (text.isEmpty()) {
        kept.add(s);
      } else {
        content = content.with(s, text);
      }
    }
    Optional<String> notice =
        kept.isEmpty()
            ? Optional.empty()
            : Optional.of(
                "The generated draft had no "
                    + String.join(
                        ", ", kept.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList())
                    + " section: template prose kept there.");
    return finish(content, f, "generative (" + out.provider() + ")", notice);
  }

  private static ReportDraft finish(
      ReportContent content, StructuredFindings f, String engine, Optional<String> notice) {
    return new ReportDraft(content, ReportValidator.validate(content, f), engine, notice);
  }

  /** Text under TECHNIQUE:/FINDINGS:/IMPRESSION: headings (markdown decoration tolerated). */
  static Map<ReportSection, String> parse(String answer) {
    Map<ReportSection, StringBuilder> parts = new EnumMap<>(ReportSection.class);
    ReportSection current = null;
    for (String raw : answer.split("\\R")) {
      String line = raw.strip().replaceAll("^[#*\\-•\\s]+", "").replace("**", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String upper = line.toUpperCase(Locale.ROOT);
      ReportSection heading = null;
      for (ReportSection s : ReportSection.values()) {
        if (upper.startsWith(s.name())
            && (upper.length() == s.name().length() || upper.charAt(s.name().length()) == ':')) {
          heading = s;
          line = line.substring(Math.min(line.length(), s.name().length() + 1)).strip();
          break;
        }
      }
      if (heading != null) {
        current = heading;
      }
      if (current == null || line.isEmpty()) {
        continue;
      }
      StringBuilder b = parts.computeIfAbsent(current, k -> new StringBuilder());
      if (!b.isEmpty()) {
        b.append(' ');
      }
      b.append(line);
    }
    Map<ReportSection, String> out = new EnumMap<>(ReportSection.class);
    parts.forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }
}
