package org.meditwin.pacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomSource;
import org.meditwin.pacs.PacsException.Reason;
import org.meditwin.pacs.dimse.Part10;

/** DIMSE client against our own in-JVM Store SCP on 127.0.0.1 (no external PACS needed). */
class DimseLoopbackTest {
  @TempDir Path dir;

  private static final DimseOptions FAST =
      DimseOptions.defaults().withResponseTimeout(Duration.ofSeconds(10));

  private static PacsNode nodeFor(StoreScp scp, String calledAe, String callingAe) {
    return PacsNode.of("local", calledAe, "127.0.0.1", scp.port(), callingAe);
  }

  @Test
  void echoesOurOwnStoreScp() {
    try (StoreScp scp = StoreScp.start("WS_SCP", 0, i -> {}, ae -> true, FAST)) {
      assertThat(DimseClient.of(nodeFor(scp, "WS_SCP", "TESTER"), FAST).echo().roundTrip())
          .isPositive();
    }
  }

  @Test
  void storedObjectsReachTheSinkWithTheirDataSetUnchanged() throws IOException {
    ConcurrentLinkedQueue<ReceivedInstance> got = new ConcurrentLinkedQueue<>();
    List<long[]> progress = new CopyOnWriteArrayList<>();
    try (StoreScp scp = StoreScp.start("WS_SCP", 0, got::add, ae -> ae.equals("TESTER"), FAST)) {
      List<Path> files = List.of(Samples.ct(), Samples.mr(), Samples.jpeg(), Samples.usBigEndian());
      StoreResult r =
          DimseClient.of(nodeFor(scp, "WS_SCP", "TESTER"), FAST)
              .store(
                  files.stream().map(DicomSource::file).toList(),
                  (done, total, msg) -> progress.add(new long[] {done, total}),
                  () -> false);
      assertThat(r.failures()).isEmpty();
      assertThat(r.sent()).isEqualTo(4);
      assertThat(scp.received()).isEqualTo(4);
      assertThat(progress.getLast()).containsExactly(4, 4);
      for (Path f : files) {
        byte[] original = Files.readAllBytes(f);
        Part10.Meta om = Part10.parse(original);
        ReceivedInstance in =
            got.stream()
                .filter(i -> i.sopInstanceUid().equals(om.sopInstanceUid()))
                .findFirst()
                .orElseThrow();
        Part10.Meta rm = Part10.parse(in.part10());
        assertThat(rm.transferSyntaxUid()).isEqualTo(om.transferSyntaxUid());
        assertThat(rm.sopClassUid()).isEqualTo(om.sopClassUid());
        assertThat(Part10.dataSet(in.part10(), rm)).isEqualTo(Part10.dataSet(original, om));
      }
    }
  }

  @Test
  void objectsTheSinkRefusesAreReportedPerInstance() throws IOException {
    Path notDicom = dir.resolve("notes.txt");
    Files.writeString(notDicom, "not a DICOM file");
    try (StoreScp scp =
        StoreScp.start(
            "WS_SCP",
            0,
            i -> {
              throw new IllegalStateException("disk full");
            },
            ae -> true,
            FAST)) {
      StoreResult r =
          DimseClient.of(nodeFor(scp, "WS_SCP", "TESTER"), FAST)
              .store(
                  List.of(DicomSource.file(notDicom), DicomSource.file(Samples.ct())),
                  ProgressListener.NONE,
                  () -> false);
      assertThat(r.sent()).isZero();
      assertThat(r.failures()).extracting(StoreResult.Failure::index).containsExactly(0, 1);
      assertThat(r.failures().get(0).reason()).contains("not a DICOM Part 10 file");
      assertThat(r.failures().get(1).reason()).contains("out of resources");
    }
  }

  @Test
  void wrongCalledAeIsRejectedWithAClearMessage() {
    try (StoreScp scp = StoreScp.start("WS_SCP", 0, i -> {}, ae -> true, FAST)) {
      assertThatThrownBy(() -> DimseClient.of(nodeFor(scp, "OTHER", "TESTER"), FAST).echo())
          .isInstanceOfSatisfying(
              PacsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CALLED_AE_REJECTED))
          .hasMessageContaining("'OTHER'");
    }
  }

  @Test
  void unknownCallingAeIsRejectedWithAClearMessage() {
    try (StoreScp scp = StoreScp.start("WS_SCP", 0, i -> {}, ae -> ae.equals("PACS"), FAST)) {
      assertThatThrownBy(() -> DimseClient.of(nodeFor(scp, "WS_SCP", "INTRUDER"), FAST).echo())
          .isInstanceOfSatisfying(
              PacsException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.CALLING_AE_REJECTED))
          .hasMessageContaining("'INTRUDER'");
    }
  }

  @Test
  void servicesThePeerDoesNotOfferAreReportedAsNotSupported() {
    try (StoreScp scp = StoreScp.start("WS_SCP", 0, i -> {}, ae -> true, FAST)) {
      assertThatThrownBy(
              () ->
                  DimseClient.of(nodeFor(scp, "WS_SCP", "TESTER"), FAST)
                      .find(PacsQuery.studies(), 10))
          .isInstanceOfSatisfying(
              PacsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SUPPORTED));
    }
  }

  @Test
  void closedPortIsReportedAsRefused() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    PacsNode node = PacsNode.of("gone", "PACS", "127.0.0.1", port, "TESTER");
    assertThatThrownBy(() -> DimseClient.of(node, FAST).echo())
        .isInstanceOfSatisfying(
            PacsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void silentPeerTimesOut() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket s = silent.accept()) {
                  s.getInputStream().readAllBytes();
                } catch (IOException e) {
                  // test peer closed
                }
              });
      PacsNode node = PacsNode.of("mute", "PACS", "127.0.0.1", silent.getLocalPort(), "TESTER");
      DimseOptions quick = DimseOptions.defaults().withResponseTimeout(Duration.ofMillis(300));
      assertThatThrownBy(() -> DimseClient.of(node, quick).echo())
          .isInstanceOfSatisfying(
              PacsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
    }
  }

  @Test
  void nonDicomPeerIsAProtocolError() throws IOException {
    try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket s = http.accept()) {
                  InputStream in = s.getInputStream();
                  in.readNBytes(6);
                  OutputStream out = s.getOutputStream();
                  out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                  out.flush();
                } catch (IOException e) {
                  // test peer closed
                }
              });
      PacsNode node = PacsNode.of("web", "PACS", "127.0.0.1", http.getLocalPort(), "TESTER");
      assertThatThrownBy(() -> DimseClient.of(node, FAST).echo())
          .isInstanceOfSatisfying(
              PacsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL));
    }
  }

  @Test
  void storeScpListensOnLoopbackOnly() throws IOException {
    List<InetAddress> others = new ArrayList<>();
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(ni.getInetAddresses())) {
        if (!a.isLoopbackAddress() && a instanceof Inet4Address) {
          others.add(a);
        }
      }
    }
    try (StoreScp scp = StoreScp.start("WS_SCP", 0, i -> {}, ae -> true, FAST)) {
      try (Socket ok = new Socket()) {
        ok.connect(new InetSocketAddress("127.0.0.1", scp.port()), 2000);
        assertThat(ok.isConnected()).isTrue();
      }
      for (InetAddress a : others) {
        try (Socket s = new Socket()) {
          assertThatThrownBy(() -> s.connect(new InetSocketAddress(a, scp.port()), 2000))
              .as("the SCP must not accept connections on %s", a)
              .isInstanceOf(IOException.class);
        }
      }
    }
  }

  @Test
  void portInUseIsAClearError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () -> StoreScp.start("WS_SCP", taken.getLocalPort(), i -> {}, ae -> true, FAST))
          .isInstanceOf(PacsException.class)
          .hasMessageContaining("in use");
    }
  }

  @Test
  void moveWithoutAStoreScpPortExplainsWhatToConfigure() {
    PacsNode node = PacsNode.of("pacs", "PACS", "127.0.0.1", 104, "WS");
    assertThatThrownBy(
            () ->
                DimseClient.of(node)
                    .move(
                        RetrieveRequest.study("1.2.3"),
                        i -> {},
                        ProgressListener.NONE,
                        () -> false))
        .isInstanceOf(PacsException.class)
        .hasMessageContaining("Store SCP port");
  }
}
