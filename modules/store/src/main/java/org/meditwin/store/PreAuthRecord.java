package org.meditwin.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import org.meditwin.core.domain.AuditAction;

/**
 * An audit event that happened while the database was locked (failed login, restore), sealed into
 * {@code audit-preauth.journal} and moved into the hash chain at the next successful login.
 *
 * @param username the normalised username typed at the login prompt (never written to the chain: it
 *     becomes a pseudonym)
 * @param detail PHI-free detail
 */
record PreAuthRecord(Instant at, AuditAction action, String username, String detail) {

  private static final int VERSION = 1;

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(at.getEpochSecond());
      out.writeInt(at.getNano());
      out.writeUTF(action.name());
      out.writeUTF(username);
      out.writeUTF(detail);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Empty for a record this version cannot read. */
  static Optional<PreAuthRecord> decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readByte() != VERSION) {
        return Optional.empty();
      }
      Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
      AuditAction action = AuditAction.valueOf(in.readUTF());
      String username = in.readUTF();
      String detail = in.readUTF();
      return Optional.of(new PreAuthRecord(at, action, username, detail));
    } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
