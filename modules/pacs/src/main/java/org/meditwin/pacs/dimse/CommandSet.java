package org.meditwin.pacs.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.meditwin.pacs.PacsException;

/**
 * A DIMSE command set (group 0000, always Implicit VR Little Endian, PS3.7 §6.3.1). Values are
 * strings (UI, AE, LO) or unsigned shorts (US); the group length is computed on encoding.
 */
final class CommandSet {
  static final int AFFECTED_SOP_CLASS = 0x0002;
  static final int REQUESTED_SOP_CLASS = 0x0003;
  static final int COMMAND_FIELD = 0x0100;
  static final int MESSAGE_ID = 0x0110;
  static final int MESSAGE_ID_RESPONDED_TO = 0x0120;
  static final int MOVE_DESTINATION = 0x0600;
  static final int PRIORITY = 0x0700;
  static final int DATA_SET_TYPE = 0x0800;
  static final int STATUS = 0x0900;
  static final int ERROR_COMMENT = 0x0902;
  static final int AFFECTED_SOP_INSTANCE = 0x1000;
  static final int REMAINING = 0x1020;
  static final int COMPLETED = 0x1021;
  static final int FAILED = 0x1022;
  static final int WARNING = 0x1023;
  static final int MOVE_ORIGINATOR_AE = 0x1030;
  static final int MOVE_ORIGINATOR_ID = 0x1031;

  static final int C_STORE_RQ = 0x0001;
  static final int C_STORE_RSP = 0x8001;
  static final int C_GET_RQ = 0x0010;
  static final int C_GET_RSP = 0x8010;
  static final int C_FIND_RQ = 0x0020;
  static final int C_FIND_RSP = 0x8020;
  static final int C_MOVE_RQ = 0x0021;
  static final int C_MOVE_RSP = 0x8021;
  static final int C_ECHO_RQ = 0x0030;
  static final int C_ECHO_RSP = 0x8030;
  static final int C_CANCEL_RQ = 0x0FFF;

  static final int NO_DATA_SET = 0x0101;
  static final int HAS_DATA_SET = 0x0000;

  private static final Set<Integer> US =
      Set.of(
          COMMAND_FIELD,
          MESSAGE_ID,
          MESSAGE_ID_RESPONDED_TO,
          PRIORITY,
          DATA_SET_TYPE,
          STATUS,
          REMAINING,
          COMPLETED,
          FAILED,
          WARNING,
          MOVE_ORIGINATOR_ID);
  private static final Set<Integer> AE = Set.of(MOVE_DESTINATION, MOVE_ORIGINATOR_AE);

  private final Map<Integer, Object> values = new TreeMap<>();

  CommandSet put(int element, int value) {
    values.put(element, value);
    return this;
  }

  CommandSet put(int element, String value) {
    values.put(element, value);
    return this;
  }

  OptionalInt integer(int element) {
    return values.get(element) instanceof Integer i ? OptionalInt.of(i) : OptionalInt.empty();
  }

  int integer(int element, int otherwise) {
    return integer(element).orElse(otherwise);
  }

  Optional<String> string(int element) {
    return values.get(element) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  int commandField() {
    return integer(COMMAND_FIELD, -1);
  }

  boolean hasDataSet() {
    return integer(DATA_SET_TYPE, NO_DATA_SET) != NO_DATA_SET;
  }

  int status() {
    return integer(STATUS, -1);
  }

  byte[] encode() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<Integer, Object> e : values.entrySet()) {
      byte[] v;
      if (e.getValue() instanceof Integer i) {
        v = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (int) i).array();
      } else {
        byte[] s = ((String) e.getValue()).getBytes(StandardCharsets.US_ASCII);
        int len = s.length + (s.length % 2);
        v = new byte[len];
        System.arraycopy(s, 0, v, 0, s.length);
        if (len > s.length) {
          v[len - 1] = AE.contains(e.getKey()) || e.getKey() == ERROR_COMMENT ? (byte) ' ' : 0;
        }
      }
      element(body, e.getKey(), v);
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    element(
        all,
        0x0000,
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.size()).array());
    all.writeBytes(body.toByteArray());
    return all.toByteArray();
  }

  private static void element(ByteArrayOutputStream out, int element, byte[] value) {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0).putShort((short) element).putInt(value.length);
    out.writeBytes(b.array());
    out.writeBytes(value);
  }

  static CommandSet decode(byte[] bytes) {
    CommandSet c = new CommandSet();
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    while (b.remaining() >= 8) {
      int group = Short.toUnsignedInt(b.getShort());
      int element = Short.toUnsignedInt(b.getShort());
      long len = Integer.toUnsignedLong(b.getInt());
      if (group != 0 || len > b.remaining()) {
        throw new PacsException(
            PacsException.Reason.PROTOCOL, "The peer sent a malformed DIMSE command.");
      }
      byte[] v = new byte[(int) len];
      b.get(v);
      if (element == 0x0000) {
        continue;
      }
      if (US.contains(element) && v.length >= 2) {
        c.values.put(element, Short.toUnsignedInt((short) ((v[0] & 0xff) | (v[1] & 0xff) << 8)));
      } else if (!US.contains(element)) {
        c.values.put(element, trim(new String(v, StandardCharsets.ISO_8859_1)));
      }
    }
    return c;
  }

  private static String trim(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == 0 || s.charAt(end - 1) == ' ')) {
      end--;
    }
    int start = 0;
    while (start < end && s.charAt(start) == ' ') {
      start++;
    }
    return s.substring(start, end);
  }

  static boolean isPending(int status) {
    return status == 0xFF00 || status == 0xFF01;
  }

  static boolean isSuccessOrWarning(int status) {
    return status == 0x0000 || status == 0x0001 || (status & 0xF000) == 0xB000;
  }
}
