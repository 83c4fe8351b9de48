package org.meditwin.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The curated body-part hierarchy ({@code anatomy.tsv}, simplified from UBERON, CC BY 3.0 — see the
 * file header and ADR 0112): resolves free text to a body part, walks the IS_PART_OF tree and
 * infers body part + laterality from a clinical title ("Otitis media of left ear" → middle ear,
 * LEFT).
 */
public final class Anatomy {

  /**
   * One body part.
   *
   * @param key stable key (graph node id), e.g. "inner-ear"
   * @param parent key of the enclosing part; empty for the root
   * @param paired true when the part exists on both sides (laterality applies)
   */
  public record BodyPart(
      String key,
      String name,
      Optional<String> parent,
      boolean paired,
      String uberonId,
      List<String> synonyms) {
    public BodyPart {
      Objects.requireNonNull(key, "key");
      synonyms = List.copyOf(synonyms);
    }
  }

  /** A body part (and side) found in a text. */
  public record Site(BodyPart part, Laterality laterality) {}

  private static final Pattern LEFT = Pattern.compile("\\b(left|lt\\.?|l\\))\\b");
  private static final Pattern RIGHT = Pattern.compile("\\b(right|rt\\.?|r\\))\\b");
  private static final Pattern BOTH = Pattern.compile("\\b(bilateral|both|binaural|bilat\\.?)\\b");

  private static volatile Anatomy standard;

  private final Map<String, BodyPart> byKey;
  private final Map<String, BodyPart> byTerm;
  private final Map<String, List<BodyPart>> children;
  private final Pattern terms;

  private Anatomy(List<BodyPart> parts) {
    Map<String, BodyPart> keys = new LinkedHashMap<>();
    Map<String, BodyPart> words = new LinkedHashMap<>();
    Map<String, List<BodyPart>> kids = new LinkedHashMap<>();
    for (BodyPart p : parts) {
      if (keys.putIfAbsent(p.key(), p) != null) {
        throw new IllegalStateException("duplicate anatomy key " + p.key());
      }
    }
    for (BodyPart p : parts) {
      p.parent()
          .ifPresent(
              parent -> {
                if (!keys.containsKey(parent)) {
                  throw new IllegalStateException("unknown parent " + parent + " of " + p.key());
                }
                kids.computeIfAbsent(parent, k -> new ArrayList<>()).add(p);
              });
      words.putIfAbsent(norm(p.key().replace('-', ' ')), p);
      words.putIfAbsent(norm(p.name()), p);
      for (String s : p.synonyms()) {
        words.putIfAbsent(norm(s), p);
      }
    }
    this.byKey = Collections.unmodifiableMap(keys);
    this.byTerm = Collections.unmodifiableMap(words);
    this.children = kids;
    // Longest terms first so "sensorineural hearing loss" wins over "hearing loss".
    List<String> sorted = new ArrayList<>(words.keySet());
    sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
    StringBuilder alt = new StringBuilder();
    for (String w : sorted) {
      if (!alt.isEmpty()) {
        alt.append('|');
      }
      alt.append(Pattern.quote(w));
    }
    this.terms = Pattern.compile("(?<![\\p{L}\\p{N}])(" + alt + ")(?![\\p{L}\\p{N}])");
  }

  /** The shipped list ({@code anatomy.tsv}). */
  public static Anatomy standard() {
    Anatomy a = standard;
    if (a == null) {
      synchronized (Anatomy.class) {
        if (standard == null) {
          standard = load();
        }
        a = standard;
      }
    }
    return a;
  }

  private static Anatomy load() {
    try (InputStream in = Anatomy.class.getResourceAsStream("anatomy.tsv")) {
      if (in == null) {
        throw new IllegalStateException("anatomy.tsv missing from the class path");
      }
      List<BodyPart> parts = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
          throw new IllegalStateException("anatomy.tsv: bad line " + line);
        }
        List<String> syn = new ArrayList<>();
        for (String s : f[5].split("\\|")) {
          if (!s.isBlank()) {
            syn.add(s.strip());
          }
        }
        parts.add(
            new BodyPart(
                f[0],
                f[1],
                "-".equals(f[2]) ? Optional.empty() : Optional.of(f[2]),
                "Y".equals(f[3]),
                f[4],
                syn));
      }
      return new Anatomy(parts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<BodyPart> all() {
    return List.copyOf(byKey.values());
  }

  public Optional<BodyPart> byKey(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Exact lookup of a key, name or synonym ("ear drum", "Tympanic membrane"). */
  public Optional<BodyPart> resolve(String term) {
    if (term == null || term.isBlank()) {
      return Optional.empty();
    }
    String n = norm(term);
    BodyPart p = byKey.get(term.strip());
    return p != null ? Optional.of(p) : Optional.ofNullable(byTerm.get(n));
  }

  /** The part and everything inside it (depth first, the part itself first). */
  public List<BodyPart> selfAndDescendants(BodyPart part) {
    List<BodyPart> out = new ArrayList<>();
    collect(part, out);
    return out;
  }

  private void collect(BodyPart p, List<BodyPart> out) {
    out.add(p);
    for (BodyPart c : children.getOrDefault(p.key(), List.of())) {
      collect(c, out);
    }
  }

  /** The enclosing parts, nearest first (the ear for the cochlea: inner ear, ear, head, body). */
  public List<BodyPart> ancestors(BodyPart part) {
    List<BodyPart> out = new ArrayList<>();
    Optional<String> p = part.parent();
    while (p.isPresent()) {
      BodyPart b = byKey.get(p.get());
      out.add(b);
      p = b.parent();
    }
    return out;
  }

  /**
   * Every lower-case term (name, key and synonyms) of the part and its descendants: what a stored
   * free-text body part may say when it lies inside {@code part}.
   */
  public Set<String> termsWithin(BodyPart part) {
    Set<String> out = new LinkedHashSet<>();
    for (BodyPart p : selfAndDescendants(part)) {
      out.add(norm(p.key()));
      out.add(norm(p.key().replace('-', ' ')));
      out.add(norm(p.name()));
      for (String s : p.synonyms()) {
        out.add(norm(s));
      }
    }
    return out;
  }

  /**
   * Finds the most specific body part mentioned in {@code text} (the longest matching term) and the
   * side it names.
   */
  public Optional<Site> infer(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String n = norm(text);
    Matcher m = terms.matcher(n);
    BodyPart best = null;
    int bestLen = -1;
    while (m.find()) {
      String w = m.group(1);
      if (w.length() > bestLen) {
        best = byTerm.get(w);
        bestLen = w.length();
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    return Optional.of(new Site(best, best.paired() ? side(n) : Laterality.NONE));
  }

  /** The side a text names (bilateral wins over a single side; none when it names none). */
  public static Laterality side(String text) {
    String n = norm(text);
    boolean both = BOTH.matcher(n).find();
    boolean left = LEFT.matcher(n).find();
    boolean right = RIGHT.matcher(n).find();
    if (both || left && right) {
      return Laterality.BILATERAL;
    }
    if (left) {
      return Laterality.LEFT;
    }
    return right ? Laterality.RIGHT : Laterality.NONE;
  }

  static String norm(String s) {
    String d = Normalizer.normalize(s.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return d.toLowerCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
  }
}
