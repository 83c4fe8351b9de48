package org.meditwin.pacs.dimse;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meditwin.pacs.DimseOptions;
import org.meditwin.pacs.PacsException;
import org.meditwin.pacs.PacsException.Reason;

/**
 * One DICOM upper-layer association (PS3.8): A-ASSOCIATE negotiation as requestor or acceptor,
 * P-DATA fragmentation and reassembly of DIMSE messages, release and abort. Everything stays in
 * memory; message and data set sizes are bounded by {@link DimseOptions}.
 */
final class Association implements Closeable {

  /** A presentation context we propose. */
  record Proposed(int id, String abstractSyntax, List<String> transferSyntaxes) {}

  /** A presentation context the acceptor accepted, with the transfer syntax it chose. */
  record Context(int id, String abstractSyntax, String transferSyntax) {}

  /** A received DIMSE message: its command and, when the command says so, its data set. */
  record Message(int contextId, CommandSet command, Optional<byte[]> dataSet) {}

  /** Why an acceptor refuses an association (PS3.8 §9.3.4). */
  record Rejection(int result, int source, int reason) {}

  /** Decides, as acceptor, which associations and presentation contexts to accept. */
  interface AcceptPolicy {
    Optional<Rejection> check(String calledAe, String callingAe);

    /** The transfer syntax to accept for a context, or empty to refuse it. */
    Optional<String> choose(String abstractSyntax, List<String> transferSyntaxes);
  }

  private static final int PDU_ASSOCIATE_RQ = 0x01;
  private static final int PDU_ASSOCIATE_AC = 0x02;
  private static final int PDU_ASSOCIATE_RJ = 0x03;
  private static final int PDU_P_DATA = 0x04;
  private static final int PDU_RELEASE_RQ = 0x05;
  private static final int PDU_RELEASE_RP = 0x06;
  private static final int PDU_ABORT = 0x07;
  private static final int MAX_CONTROL_PDU = 1 << 20;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final DimseOptions options;
  private final String peer;
  private final String callingAe;
  private final String calledAe;
  private final Map<Integer, Context> accepted;
  private final int peerMaxPdu;
  private boolean closed;

  private Association(
      Socket socket,
      DimseOptions options,
      String peer,
      String callingAe,
      String calledAe,
      Map<Integer, Context> accepted,
      int peerMaxPdu)
      throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 65536));
    this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), 65536);
    this.options = options;
    this.peer = peer;
    this.callingAe = callingAe;
    this.calledAe = calledAe;
    this.accepted = accepted;
    this.peerMaxPdu = peerMaxPdu;
  }

  // ---------------------------------------------------------------- requestor

  static Association request(
      String host,
      int port,
      String callingAe,
      String calledAe,
      List<Proposed> contexts,
      Collection<String> scpRoleSopClasses,
      DimseOptions options) {
    String where = host + ":" + port;
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), millis(options.connectTimeout()));
      socket.setSoTimeout(millis(options.responseTimeout()));
      OutputStream o = socket.getOutputStream();
      o.write(associateRq(callingAe, calledAe, contexts, scpRoleSopClasses, options));
      o.flush();
      DataInputStream i = new DataInputStream(socket.getInputStream());
      int type = i.readUnsignedByte();
      i.readUnsignedByte();
      long length = Integer.toUnsignedLong(i.readInt());
      if (length > MAX_CONTROL_PDU) {
        throw new PacsException(
            Reason.PROTOCOL, "The PACS at " + where + " sent an oversized answer.");
      }
      byte[] body = new byte[(int) length];
      i.readFully(body);
      switch (type) {
        case PDU_ASSOCIATE_AC -> {
          Map<Integer, String> proposedSyntax = new LinkedHashMap<>();
          contexts.forEach(c -> proposedSyntax.put(c.id(), c.abstractSyntax()));
          Map<Integer, Context> ok = new LinkedHashMap<>();
          int[] peerMax = {0};
          parseAccept(body, proposedSyntax, ok, peerMax);
          if (ok.isEmpty()) {
            abortQuietly(socket);
            throw new PacsException(
                Reason.NOT_SUPPORTED,
                "The PACS at "
                    + where
                    + " accepted none of the requested DICOM services or transfer syntaxes.");
          }
          return new Association(socket, options, where, callingAe, calledAe, ok, peerMax[0]);
        }
        case PDU_ASSOCIATE_RJ -> throw rejected(body, where, callingAe, calledAe);
        case PDU_ABORT ->
            throw new PacsException(
                Reason.ABORTED, "The PACS at " + where + " aborted the association request.");
        default ->
            throw new PacsException(
                Reason.PROTOCOL, "The peer at " + where + " does not speak the DICOM protocol.");
      }
    } catch (PacsException e) {
      closeQuietly(socket);
      throw e;
    } catch (ConnectException e) {
      closeQuietly(socket);
      throw new PacsException(
          Reason.REFUSED,
          "Nothing accepts connections at "
              + where
              + " (connection refused): is the PACS running and the port right?",
          e);
    } catch (UnknownHostException e) {
      closeQuietly(socket);
      throw new PacsException(Reason.UNREACHABLE, "Unknown host '" + host + "'.", e);
    } catch (NoRouteToHostException e) {
      closeQuietly(socket);
      throw new PacsException(Reason.UNREACHABLE, "No network route to " + where + ".", e);
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw new PacsException(
          Reason.TIMEOUT, "No answer from " + where + " within the time limit.", e);
    } catch (EOFException e) {
      closeQuietly(socket);
      throw new PacsException(
          Reason.PROTOCOL,
          "The peer at " + where + " closed the connection during association: is it a DICOM port?",
          e);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new PacsException(
          Reason.UNREACHABLE,
          "Cannot reach " + where + ": " + e.getClass().getSimpleName() + ".",
          e);
    }
  }

  private static PacsException rejected(
      byte[] body, String where, String callingAe, String calledAe) {
    int result = body.length > 1 ? body[1] & 0xff : 0;
    int source = body.length > 2 ? body[2] & 0xff : 0;
    int reason = body.length > 3 ? body[3] & 0xff : 0;
    String kind = result == 2 ? "temporarily" : "permanently";
    if (source == 1 && reason == 3) {
      return new PacsException(
          Reason.CALLING_AE_REJECTED,
          "The PACS at "
              + where
              + " does not know our AE title '"
              + callingAe
              + "': add it to the PACS's list of modalities.");
    }
    if (source == 1 && reason == 7) {
      return new PacsException(
          Reason.CALLED_AE_REJECTED,
          "The PACS at "
              + where
              + " does not answer to the AE title '"
              + calledAe
              + "': check the node's AE title.");
    }
    return new PacsException(
        Reason.REJECTED,
        "The PACS at "
            + where
            + " "
            + kind
            + " rejected the association (source "
            + source
            + ", reason "
            + reason
            + ").");
  }

  private static byte[] associateRq(
      String callingAe,
      String calledAe,
      List<Proposed> contexts,
      Collection<String> scpRoles,
      DimseOptions options) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0);
    b.write(1);
    b.write(0);
    b.write(0);
    b.writeBytes(ae(calledAe));
    b.writeBytes(ae(callingAe));
    b.writeBytes(new byte[32]);
    item(b, 0x10, ascii(Uids.APPLICATION_CONTEXT));
    for (Proposed p : contexts) {
      ByteArrayOutputStream pc = new ByteArrayOutputStream();
      pc.write(p.id());
      pc.writeBytes(new byte[3]);
      item(pc, 0x30, ascii(p.abstractSyntax()));
      for (String ts : p.transferSyntaxes()) {
        item(pc, 0x40, ascii(ts));
      }
      item(b, 0x20, pc.toByteArray());
    }
    ByteArrayOutputStream user = new ByteArrayOutputStream();
    item(user, 0x51, ByteBuffer.allocate(4).putInt(options.maxPduLength()).array());
    item(user, 0x52, ascii(Uids.IMPLEMENTATION_CLASS));
    item(user, 0x55, ascii(Uids.IMPLEMENTATION_VERSION));
    for (String sopClass : scpRoles) {
      byte[] uid = ascii(sopClass);
      ByteBuffer role = ByteBuffer.allocate(2 + uid.length + 2);
      role.putShort((short) uid.length).put(uid).put((byte) 0).put((byte) 1);
      item(user, 0x54, role.array());
    }
    item(b, 0x50, user.toByteArray());
    return pdu(PDU_ASSOCIATE_RQ, b.toByteArray());
  }

  private static void parseAccept(
      byte[] body, Map<Integer, String> proposed, Map<Integer, Context> ok, int[] peerMax) {
    ByteBuffer b = ByteBuffer.wrap(body);
    b.position(Math.min(body.length, 68));
    while (b.remaining() >= 4) {
      int type = b.get() & 0xff;
      b.get();
      int len = Short.toUnsignedInt(b.getShort());
      if (len > b.remaining()) {
        throw new PacsException(Reason.PROTOCOL, "The PACS sent a malformed association answer.");
      }
      ByteBuffer item = b.slice(b.position(), len);
      b.position(b.position() + len);
      if (type == 0x21 && len >= 4) {
        int id = item.get() & 0xff;
        item.get();
        int result = item.get() & 0xff;
        item.get();
        String ts = "";
        while (item.remaining() >= 4) {
          int st = item.get() & 0xff;
          item.get();
          int sl = Short.toUnsignedInt(item.getShort());
          byte[] v = new byte[Math.min(sl, item.remaining())];
          item.get(v);
          if (st == 0x40) {
            ts = uid(v);
          }
        }
        if (result == 0 && proposed.containsKey(id) && !ts.isEmpty()) {
          ok.put(id, new Context(id, proposed.get(id), ts));
        }
      } else if (type == 0x50) {
        while (item.remaining() >= 4) {
          int st = item.get() & 0xff;
          item.get();
          int sl = Short.toUnsignedInt(item.getShort());
          if (sl > item.remaining()) {
            break;
          }
          if (st == 0x51 && sl == 4) {
            peerMax[0] = item.getInt();
          } else {
            item.position(item.position() + sl);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- acceptor

  /**
   * Reads an A-ASSOCIATE-RQ from {@code socket} and answers it. Returns empty when the association
   * was rejected (the socket is then closed).
   */
  static Optional<Association> accept(Socket socket, AcceptPolicy policy, DimseOptions options)
      throws IOException {
    String where = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(millis(options.responseTimeout()));
    DataInputStream i = new DataInputStream(socket.getInputStream());
    int type = i.readUnsignedByte();
    i.readUnsignedByte();
    long length = Integer.toUnsignedLong(i.readInt());
    if (type != PDU_ASSOCIATE_RQ || length < 68 || length > MAX_CONTROL_PDU) {
      abortQuietly(socket);
      return Optional.empty();
    }
    byte[] body = new byte[(int) length];
    i.readFully(body);
    String called = trimAe(new String(body, 4, 16, StandardCharsets.US_ASCII));
    String calling = trimAe(new String(body, 20, 16, StandardCharsets.US_ASCII));
    Optional<Rejection> rejection = policy.check(called, calling);
    OutputStream o = socket.getOutputStream();
    if (rejection.isPresent()) {
      Rejection r = rejection.get();
      o.write(
          pdu(
              PDU_ASSOCIATE_RJ,
              new byte[] {0, (byte) r.result(), (byte) r.source(), (byte) r.reason()}));
      o.flush();
      closeQuietly(socket);
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(body);
    b.position(68);
    List<byte[]> answers = new ArrayList<>();
    Map<Integer, Context> ok = new LinkedHashMap<>();
    int peerMax = 0;
    while (b.remaining() >= 4) {
      int it = b.get() & 0xff;
      b.get();
      int len = Short.toUnsignedInt(b.getShort());
      if (len > b.remaining()) {
        abortQuietly(socket);
        return Optional.empty();
      }
      ByteBuffer item = b.slice(b.position(), len);
      b.position(b.position() + len);
      if (it == 0x20 && len >= 4) {
        int id = item.get() & 0xff;
        item.position(4);
        String abs = "";
        List<String> tss = new ArrayList<>();
        while (item.remaining() >= 4) {
          int st = item.get() & 0xff;
          item.get();
          int sl = Short.toUnsignedInt(item.getShort());
          byte[] v = new byte[Math.min(sl, item.remaining())];
          item.get(v);
          if (st == 0x30) {
            abs = uid(v);
          } else if (st == 0x40) {
            tss.add(uid(v));
          }
        }
        Optional<String> chosen = abs.isEmpty() ? Optional.empty() : policy.choose(abs, tss);
        ByteArrayOutputStream pc = new ByteArrayOutputStream();
        pc.write(id);
        pc.write(0);
        pc.write(
            chosen.isPresent()
                ? 0
                : (Uids.isStorage(abs) || abs.equals(Uids.VERIFICATION) ? 4 : 3));
        pc.write(0);
        item(pc, 0x40, ascii(chosen.orElse(tss.isEmpty() ? Uids.IMPLICIT_LE : tss.getFirst())));
        answers.add(pc.toByteArray());
        if (chosen.isPresent()) {
          ok.put(id, new Context(id, abs, chosen.get()));
        }
      } else if (it == 0x50) {
        while (item.remaining() >= 4) {
          int st = item.get() & 0xff;
          item.get();
          int sl = Short.toUnsignedInt(item.getShort());
          if (sl > item.remaining()) {
            break;
          }
          if (st == 0x51 && sl == 4) {
            peerMax = item.getInt();
          } else {
            item.position(item.position() + sl);
          }
        }
      }
    }
    ByteArrayOutputStream ac = new ByteArrayOutputStream();
    ac.writeBytes(java.util.Arrays.copyOfRange(body, 0, 68));
    item(ac, 0x10, ascii(Uids.APPLICATION_CONTEXT));
    for (byte[] a : answers) {
      item(ac, 0x21, a);
    }
    ByteArrayOutputStream user = new ByteArrayOutputStream();
    item(user, 0x51, ByteBuffer.allocate(4).putInt(options.maxPduLength()).array());
    item(user, 0x52, ascii(Uids.IMPLEMENTATION_CLASS));
    item(user, 0x55, ascii(Uids.IMPLEMENTATION_VERSION));
    item(ac, 0x50, user.toByteArray());
    o.write(pdu(PDU_ASSOCIATE_AC, ac.toByteArray()));
    o.flush();
    return Optional.of(new Association(socket, options, where, calling, called, ok, peerMax));
  }

  // ---------------------------------------------------------------- data transfer

  String peer() {
    return peer;
  }

  String callingAe() {
    return callingAe;
  }

  String calledAe() {
    return calledAe;
  }

  Collection<Context> contexts() {
    return accepted.values();
  }

  Optional<Context> context(int id) {
    return Optional.ofNullable(accepted.get(id));
  }

  /** The first accepted context for {@code abstractSyntax}, preferring {@code transferSyntax}. */
  Optional<Context> contextFor(String abstractSyntax, Optional<String> transferSyntax) {
    Optional<Context> exact =
        transferSyntax.flatMap(
            ts ->
                accepted.values().stream()
                    .filter(c -> c.abstractSyntax().equals(abstractSyntax))
                    .filter(c -> c.transferSyntax().equals(ts))
                    .findFirst());
    return exact.isPresent()
        ? exact
        : accepted.values().stream()
            .filter(c -> c.abstractSyntax().equals(abstractSyntax))
            .findFirst();
  }

  void send(int contextId, CommandSet command, Optional<byte[]> dataSet) {
    command.put(
        CommandSet.DATA_SET_TYPE,
        dataSet.isPresent() ? CommandSet.HAS_DATA_SET : CommandSet.NO_DATA_SET);
    try {
      fragments(contextId, command.encode(), true);
      if (dataSet.isPresent()) {
        fragments(contextId, dataSet.get(), false);
      }
      out.flush();
    } catch (IOException e) {
      throw lost(e);
    }
  }

  private void fragments(int contextId, byte[] value, boolean command) throws IOException {
    int max = peerMaxPdu <= 0 ? 65536 : Math.max(64, Math.min(peerMaxPdu, 1 << 24));
    int chunk = max - 6;
    int off = 0;
    do {
      int n = Math.min(chunk, value.length - off);
      boolean last = off + n >= value.length;
      int pdvLength = n + 2;
      ByteBuffer h = ByteBuffer.allocate(12);
      h.put((byte) PDU_P_DATA).put((byte) 0).putInt(pdvLength + 4);
      h.putInt(pdvLength).put((byte) contextId).put((byte) ((command ? 1 : 0) | (last ? 2 : 0)));
      out.write(h.array());
      out.write(value, off, n);
      off += n;
    } while (off < value.length);
  }

  /**
   * Reads the next complete message. Empty when the peer asked to release (we answered and closed).
   */
  Optional<Message> receive() {
    try {
      ByteArrayOutputStream command = new ByteArrayOutputStream();
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      CommandSet parsed = null;
      int contextId = -1;
      while (true) {
        int type = in.readUnsignedByte();
        in.readUnsignedByte();
        long length = Integer.toUnsignedLong(in.readInt());
        switch (type) {
          case PDU_P_DATA -> {
            if (length > (long) options.maxPduLength() + 1024 && length > (1 << 20)) {
              abort();
              throw new PacsException(
                  Reason.PROTOCOL, "The peer at " + peer + " sent an oversized PDU.");
            }
            long remaining = length;
            while (remaining > 0) {
              long pdvLength = Integer.toUnsignedLong(in.readInt());
              if (pdvLength < 2 || pdvLength > remaining - 4) {
                abort();
                throw new PacsException(
                    Reason.PROTOCOL, "The peer at " + peer + " sent a malformed PDU.");
              }
              contextId = in.readUnsignedByte();
              int control = in.readUnsignedByte();
              int n = (int) pdvLength - 2;
              boolean isCommand = (control & 1) != 0;
              ByteArrayOutputStream target = isCommand ? command : data;
              long limit = isCommand ? 1 << 16 : options.maxInstanceBytes();
              if (target.size() + (long) n > limit) {
                abort();
                throw new PacsException(
                    Reason.PROTOCOL,
                    "An object from "
                        + peer
                        + " exceeds the limit of "
                        + (limit >> 20)
                        + " MiB; the association was aborted.");
              }
              byte[] buf = new byte[n];
              in.readFully(buf);
              target.writeBytes(buf);
              remaining -= pdvLength + 4;
              if (isCommand && (control & 2) != 0) {
                parsed = CommandSet.decode(command.toByteArray());
                if (!parsed.hasDataSet()) {
                  return Optional.of(new Message(contextId, parsed, Optional.empty()));
                }
              } else if (!isCommand && (control & 2) != 0 && parsed != null) {
                return Optional.of(new Message(contextId, parsed, Optional.of(data.toByteArray())));
              }
            }
          }
          case PDU_RELEASE_RQ -> {
            in.skipNBytes(length);
            out.write(pdu(PDU_RELEASE_RP, new byte[4]));
            out.flush();
            close();
            return Optional.empty();
          }
          case PDU_ABORT -> {
            in.skipNBytes(length);
            close();
            throw new PacsException(
                Reason.ABORTED, "The peer at " + peer + " aborted the association.");
          }
          default -> {
            abort();
            throw new PacsException(
                Reason.PROTOCOL,
                "The peer at " + peer + " sent an unexpected PDU (type " + type + ").");
          }
        }
      }
    } catch (SocketTimeoutException e) {
      abort();
      throw new PacsException(
          Reason.TIMEOUT,
          "No answer from "
              + peer
              + " within "
              + options.responseTimeout().toSeconds()
              + " s; the association was aborted.",
          e);
    } catch (IOException e) {
      throw lost(e);
    }
  }

  private PacsException lost(IOException e) {
    close();
    return new PacsException(Reason.ABORTED, "The connection to " + peer + " was lost.", e);
  }

  /** A-RELEASE: asks the peer to release and waits for its answer (bounded by the timeout). */
  void release() {
    if (closed) {
      return;
    }
    try {
      out.write(pdu(PDU_RELEASE_RQ, new byte[4]));
      out.flush();
      while (true) {
        int type = in.readUnsignedByte();
        in.readUnsignedByte();
        long length = Integer.toUnsignedLong(in.readInt());
        in.skipNBytes(length);
        if (type == PDU_RELEASE_RP || type == PDU_ABORT) {
          break;
        }
      }
    } catch (IOException e) {
      // the peer closed first: released either way
    } finally {
      close();
    }
  }

  /** A-ABORT (service user) and close. */
  void abort() {
    if (!closed) {
      abortQuietly(socket);
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(socket);
  }

  // ---------------------------------------------------------------- encoding helpers

  private static byte[] pdu(int type, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(6 + body.length);
    b.put((byte) type).put((byte) 0).putInt(body.length).put(body);
    return b.array();
  }

  private static void item(ByteArrayOutputStream out, int type, byte[] value) {
    out.write(type);
    out.write(0);
    out.write((value.length >> 8) & 0xff);
    out.write(value.length & 0xff);
    out.writeBytes(value);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] ae(String ae) {
    byte[] b = new byte[16];
    java.util.Arrays.fill(b, (byte) ' ');
    byte[] a = ascii(ae);
    System.arraycopy(a, 0, b, 0, Math.min(16, a.length));
    return b;
  }

  private static String uid(byte[] v) {
    int end = v.length;
    while (end > 0 && (v[end - 1] == 0 || v[end - 1] == ' ')) {
      end--;
    }
    return new String(v, 0, end, StandardCharsets.US_ASCII);
  }

  private static String trimAe(String s) {
    return s.strip();
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  private static void abortQuietly(Socket socket) {
    try {
      OutputStream o = socket.getOutputStream();
      o.write(pdu(PDU_ABORT, new byte[4]));
      o.flush();
    } catch (IOException e) {
      // already gone
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
