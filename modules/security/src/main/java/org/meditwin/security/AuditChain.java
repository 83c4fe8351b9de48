package org.meditwin.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.AuditVerification;

/**
 * The hash chain behind the audit log. Each entry's hash covers its fields and the previous entry's
 * hash, so editing, removing, inserting or reordering entries breaks the chain from that point on.
 *
 * <p>Limits, by design of an unkeyed chain: someone who can rewrite the whole table can recompute
 * every hash after their edit, and dropping entries from the <em>end</em> leaves a valid shorter
 * chain. Compare the head ({@code seq}, {@code hash}) with a copy kept elsewhere (for example the
 * store's commit marker or a backup) to catch those.
 */
public final class AuditChain {
  /** {@code prevHash} of the first entry: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private static final byte[] DOMAIN = "meditwin-audit-v1".getBytes(StandardCharsets.US_ASCII);

  private AuditChain() {}

  /**
   * SHA-256 (lower-case hex) over an unambiguous encoding: a domain tag, then {@code prevHash},
   * {@code seq} (8 bytes), {@code at} as epoch milliseconds (8 bytes), {@code actor}, {@code
   * action.name()}, {@code targetType}, {@code targetId}, {@code success} (1 byte) and {@code
   * detail}, each string UTF-8 with a 4-byte length prefix.
   *
   * <p>{@code at} is hashed at <b>millisecond</b> precision so that storage keeping at least
   * milliseconds (H2 TIMESTAMP WITH TIME ZONE keeps microseconds) re-verifies; sub-millisecond
   * differences are not covered. Null {@code targetType}, {@code targetId} and {@code detail} hash
   * as empty strings, exactly as {@link AuditEvent} normalises them.
   */
  public static String hash(
      String prevHash,
      long seq,
      Instant at,
      String actor,
      AuditAction action,
      String targetType,
      String targetId,
      boolean success,
      String detail) {
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    buf.writeBytes(DOMAIN);
    putString(buf, prevHash);
    putLong(buf, seq);
    putLong(buf, at.toEpochMilli());
    putString(buf, actor);
    putString(buf, action.name());
    putString(buf, targetType == null ? "" : targetType);
    putString(buf, targetId == null ? "" : targetId);
    buf.write(success ? 1 : 0);
    putString(buf, detail == null ? "" : detail);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(buf.toByteArray());
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** The hash {@code e} should carry given its own fields and {@code e.prevHash()}. */
  public static String hashOf(AuditEvent e) {
    return hash(
        e.prevHash(),
        e.seq(),
        e.at(),
        e.actor(),
        e.action(),
        e.targetType(),
        e.targetId(),
        e.success(),
        e.detail());
  }

  /**
   * Re-hashes a whole chain read in storage order (ascending {@code seq}).
   *
   * <p>Walking the list, position {@code i} (0-based) is broken when any of these fails: its {@code
   * seq} is {@code i + 1}; its {@code prevHash} equals the previous entry's {@code hash} (or {@link
   * #GENESIS} for the first); its {@code hash} equals {@link #hashOf} of its own fields. {@code
   * firstBrokenEntry} is the {@code seq} <em>stored in the first broken position</em>. Hence:
   *
   * <ul>
   *   <li>an edited field reports the edited entry's seq;
   *   <li>a removed entry reports the seq of the entry right after the gap (for example, chain 1..5
   *       with 3 removed reports 4);
   *   <li>an inserted entry reports the inserted entry's seq when its hashes do not fit, or the seq
   *       of the displaced original entry after it when the intruder was hashed correctly;
   *   <li>two swapped entries report the seq stored in the earlier of the two positions.
   * </ul>
   *
   * An empty list is a valid chain of 0 entries. Entries after the first break are not examined.
   */
  public static AuditVerification verify(List<AuditEvent> entriesInSeqOrder) {
    Objects.requireNonNull(entriesInSeqOrder, "entriesInSeqOrder");
    Verifier v = verifier();
    for (AuditEvent e : entriesInSeqOrder) {
      if (!v.add(e)) {
        break;
      }
    }
    AuditVerification r = v.result();
    return r.ok()
        ? r
        : new AuditVerification(false, entriesInSeqOrder.size(), r.firstBrokenEntry());
  }

  /**
   * A streaming form of {@link #verify(List)} for logs too large to hold in memory: feed entries in
   * seq order (for example page by page from the database) and read {@link Verifier#result()}.
   */
  public static Verifier verifier() {
    return new Verifier();
  }

  /** Incremental chain verification; same rules as {@link AuditChain#verify(List)}. */
  public static final class Verifier {
    private String prev = GENESIS;
    private long expectedSeq = 1;
    private long count;
    private OptionalLong broken = OptionalLong.empty();

    private Verifier() {}

    /**
     * Checks the next entry. Returns false once the chain is broken (at this entry or earlier);
     * later entries are then only counted.
     */
    public boolean add(AuditEvent e) {
      Objects.requireNonNull(e, "e");
      count++;
      if (broken.isPresent()) {
        return false;
      }
      boolean ok =
          e.seq() == expectedSeq
              && constantTimeEquals(e.prevHash(), prev)
              && constantTimeEquals(e.hash(), hashOf(e));
      if (!ok) {
        broken = OptionalLong.of(e.seq());
        return false;
      }
      prev = e.hash();
      expectedSeq++;
      return true;
    }

    /** The outcome so far; {@code entries} counts every entry added. */
    public AuditVerification result() {
      return new AuditVerification(broken.isEmpty(), count, broken);
    }

    /**
     * Hash of the last verified entry ({@link #GENESIS} if none): compare with a head kept outside
     * the log to detect dropped newest entries.
     */
    public String headHash() {
      return prev;
    }

    /** Seq of the last verified entry (0 if none). */
    public long headSeq() {
      return expectedSeq - 1;
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static void putString(ByteArrayOutputStream buf, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putInt(buf, b.length);
    buf.writeBytes(b);
  }

  private static void putInt(ByteArrayOutputStream buf, int v) {
    buf.write(v >>> 24);
    buf.write(v >>> 16);
    buf.write(v >>> 8);
    buf.write(v);
  }

  private static void putLong(ByteArrayOutputStream buf, long v) {
    putInt(buf, (int) (v >>> 32));
    putInt(buf, (int) v);
  }
}
