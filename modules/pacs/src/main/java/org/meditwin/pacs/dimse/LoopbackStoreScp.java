package org.meditwin.pacs.dimse;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.meditwin.pacs.DimseOptions;
import org.meditwin.pacs.InstanceSink;
import org.meditwin.pacs.PacsException;
import org.meditwin.pacs.PacsException.Reason;
import org.meditwin.pacs.PacsNode;
import org.meditwin.pacs.StoreScp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage SCP bound to 127.0.0.1 only (PixelMed's SCP binds every interface, ADR 0124). Each
 * association runs on a virtual thread; received objects stay in memory.
 */
final class LoopbackStoreScp implements StoreScp {
  private static final Logger LOG = LoggerFactory.getLogger(LoopbackStoreScp.class);

  private final String aeTitle;
  private final ServerSocket server;
  private final Predicate<String> callingAeAllowed;
  private final DimseOptions options;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final DimseClientImpl.Receiver counter;
  private volatile boolean closed;

  private LoopbackStoreScp(
      String aeTitle,
      ServerSocket server,
      InstanceSink sink,
      Predicate<String> callingAeAllowed,
      DimseOptions options) {
    this.aeTitle = aeTitle;
    this.server = server;
    this.callingAeAllowed = callingAeAllowed;
    this.options = options;
    this.counter = new DimseClientImpl.Receiver(sink);
  }

  static LoopbackStoreScp start(
      String aeTitle,
      int port,
      InstanceSink sink,
      Predicate<String> callingAeAllowed,
      DimseOptions options) {
    PacsNode.aeProblem(aeTitle)
        .ifPresent(
            p -> {
              throw new PacsException(Reason.BAD_INPUT, "Our AE title: " + p);
            });
    ServerSocket server = bind(port);
    LoopbackStoreScp scp =
        new LoopbackStoreScp(aeTitle.strip(), server, sink, callingAeAllowed, options);
    Thread.ofPlatform()
        .daemon()
        .name("pacs-store-scp-" + server.getLocalPort())
        .start(scp::acceptLoop);
    LOG.info("Store SCP {} listening on 127.0.0.1:{}", scp.aeTitle, server.getLocalPort());
    return scp;
  }

  /**
   * Binds 127.0.0.1:port; a port still held for a moment by the previous retrieve's listener is
   * retried for up to 2 s before reporting it as in use.
   */
  private static ServerSocket bind(int port) {
    for (int attempt = 0; ; attempt++) {
      ServerSocket server = null;
      try {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return server;
      } catch (BindException e) {
        closeQuietly(server);
        if (attempt >= 20 || port == 0) {
          throw new PacsException(
              Reason.BAD_INPUT,
              "Cannot listen on 127.0.0.1:" + port + " for incoming C-STORE: the port is in use.",
              e);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new PacsException(Reason.ABORTED, "Interrupted while opening the Store SCP.", ie);
        }
      } catch (IOException e) {
        closeQuietly(server);
        throw new PacsException(
            Reason.BAD_INPUT, "Cannot listen on 127.0.0.1:" + port + " for incoming C-STORE.", e);
      }
    }
  }

  private static void closeQuietly(ServerSocket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // nothing bound
      }
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        open.add(s);
        Thread.ofVirtual().name("pacs-store-scp-association").start(() -> serve(s));
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("Store SCP accept failed: {}", e.getClass().getSimpleName());
        }
      }
    }
  }

  private final Association.AcceptPolicy policy =
      new Association.AcceptPolicy() {
        @Override
        public Optional<Association.Rejection> check(String calledAe, String callingAe) {
          if (!calledAe.equals(aeTitle)) {
            LOG.warn("Store SCP {}: rejected an association calling AE '{}'", aeTitle, calledAe);
            return Optional.of(new Association.Rejection(1, 1, 7));
          }
          if (!callingAeAllowed.test(callingAe)) {
            LOG.warn("Store SCP {}: rejected unknown peer AE '{}'", aeTitle, callingAe);
            return Optional.of(new Association.Rejection(1, 1, 3));
          }
          return Optional.empty();
        }

        @Override
        public Optional<String> choose(String abstractSyntax, List<String> transferSyntaxes) {
          if (!abstractSyntax.equals(Uids.VERIFICATION) && !Uids.isStorage(abstractSyntax)) {
            return Optional.empty();
          }
          return transferSyntaxes.stream()
              .filter(Uids.KNOWN_TRANSFER_SYNTAXES::contains)
              .findFirst()
              .or(() -> transferSyntaxes.stream().findFirst());
        }
      };

  private void serve(Socket socket) {
    try (socket) {
      Optional<Association> accepted = Association.accept(socket, policy, options);
      if (accepted.isEmpty()) {
        return;
      }
      Association a = accepted.get();
      while (!closed) {
        Optional<Association.Message> m = a.receive();
        if (m.isEmpty()) {
          return;
        }
        CommandSet c = m.get().command();
        switch (c.commandField()) {
          case CommandSet.C_ECHO_RQ ->
              a.send(
                  m.get().contextId(),
                  new CommandSet()
                      .put(CommandSet.AFFECTED_SOP_CLASS, Uids.VERIFICATION)
                      .put(CommandSet.COMMAND_FIELD, CommandSet.C_ECHO_RSP)
                      .put(CommandSet.MESSAGE_ID_RESPONDED_TO, c.integer(CommandSet.MESSAGE_ID, 0))
                      .put(CommandSet.STATUS, 0),
                  Optional.empty());
          case CommandSet.C_STORE_RQ -> counter.store(a, m.get());
          default -> {
            LOG.warn(
                "Store SCP {}: unsupported DIMSE command 0x{}",
                aeTitle,
                Integer.toHexString(c.commandField()));
            a.abort();
            return;
          }
        }
      }
    } catch (PacsException e) {
      if (!closed) {
        LOG.warn("Store SCP {}: association ended: {}", aeTitle, e.reason());
      }
    } catch (IOException e) {
      if (!closed) {
        LOG.warn("Store SCP {}: connection failed: {}", aeTitle, e.getClass().getSimpleName());
      }
    } finally {
      open.remove(socket);
    }
  }

  @Override
  public int port() {
    return server.getLocalPort();
  }

  @Override
  public String aeTitle() {
    return aeTitle;
  }

  @Override
  public int received() {
    return counter.received();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    LOG.info("Store SCP {} on 127.0.0.1:{} closed", aeTitle, server.getLocalPort());
  }
}
