package org.meditwin.nlp.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Applies an {@link Operator} to detected spans. */
public final class Anonymizer {
  private Anonymizer() {}

  /**
   * Masks {@code spans} (non-overlapping, as returned by {@link PiiDetector}) in {@code text}.
   *
   * @param vault required for {@link Operator#PSEUDONYM}; new pseudonyms are saved before return
   */
  public static AnonymizedText anonymize(
      String text, List<PiiSpan> spans, Operator op, Optional<PseudonymVault> vault) {
    if (op == Operator.PSEUDONYM && vault.isEmpty()) {
      throw new IllegalArgumentException("pseudonyms need an unlocked pseudonym vault");
    }
    StringBuilder out = new StringBuilder(text.length());
    List<Replacement> reps = new ArrayList<>();
    int pos = 0;
    for (PiiSpan s : spans) {
      if (s.start() < pos) {
        continue; // overlapping input: the earlier span already covers it
      }
      out.append(text, pos, s.start());
      String rep =
          switch (op) {
            case REDACT -> "█".repeat(s.end() - s.start());
            case TYPE -> "<" + s.type() + ">";
            case PSEUDONYM -> vault.get().pseudonym(s.type(), s.text());
          };
      int ms = out.length();
      out.append(rep);
      reps.add(new Replacement(s.start(), s.end(), s.type(), ms, out.length(), rep));
      pos = s.end();
    }
    out.append(text, pos, text.length());
    if (op == Operator.PSEUDONYM) {
      vault.get().save();
    }
    return new AnonymizedText(out.toString(), reps);
  }
}
