package org.meditwin.pacs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomSource;
import org.meditwin.pacs.DimseOptions;
import org.meditwin.pacs.PacsException;
import org.meditwin.pacs.PacsMatch;
import org.meditwin.pacs.PacsQuery;
import org.meditwin.pacs.QueryLevel;
import org.meditwin.pacs.ReceivedInstance;
import org.meditwin.pacs.RetrieveRequest;
import org.meditwin.pacs.StoreResult;

/** The DICOMweb client against a JDK HTTP server on 127.0.0.1 speaking the PS3.18 formats. */
class DicomWebClientTest {
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<byte[]> stowed = new CopyOnWriteArrayList<>();

  static Path ct() {
    return Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../../shared/data"))
        .resolve("dicom/pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm");
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/dicom-web/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
          byte[] out;
          String type;
          int status = 200;
          if (ex.getRequestMethod().equals("POST")) {
            String boundary =
                MultipartReader.boundaryOf(ex.getRequestHeaders().getFirst("Content-Type"));
            MultipartReader r = new MultipartReader(ex.getRequestBody(), boundary, 1 << 24);
            Optional<MultipartReader.Part> p;
            while ((p = r.next()).isPresent()) {
              stowed.add(p.get().body());
            }
            out =
                "{\"00081198\":{\"vr\":\"SQ\",\"Value\":[{\"00081155\":{\"vr\":\"UI\",\"Value\":[\"9.9.9\"]},\"00081197\":{\"vr\":\"US\",\"Value\":[49152]}}]}}"
                    .getBytes(StandardCharsets.UTF_8);
            type = "application/dicom+json";
          } else if (path.endsWith("/studies")) {
            out =
                ("[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]},"
                        + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^Jane\"}]},"
                        + "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P-7\"]},"
                        + "\"00080020\":{\"vr\":\"DA\",\"Value\":[\"20240305\"]},"
                        + "\"00080061\":{\"vr\":\"CS\",\"Value\":[\"CT\",\"SR\"]},"
                        + "\"00201208\":{\"vr\":\"IS\",\"Value\":[3]}},"
                        + "{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.4\"]},"
                        + "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P-7\"]},"
                        + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^Jane\"}]}}]")
                    .getBytes(StandardCharsets.UTF_8);
            type = "application/dicom+json";
          } else if (path.endsWith("/instances")) {
            out = "[{}]".getBytes(StandardCharsets.UTF_8);
            type = "application/dicom+json";
          } else if (path.contains("/studies/404")) {
            out = "Patient Doe^Jane not found".getBytes(StandardCharsets.UTF_8);
            type = "text/plain";
            status = 404;
          } else {
            byte[] dcm = Files.readAllBytes(ct());
            String b = "xyz-boundary";
            java.io.ByteArrayOutputStream m = new java.io.ByteArrayOutputStream();
            m.writeBytes(
                ("--" + b + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            m.writeBytes(dcm);
            m.writeBytes(("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            out = m.toByteArray();
            type = "multipart/related; type=\"application/dicom\"; boundary=" + b;
          }
          ex.getResponseHeaders().add("Content-Type", type);
          ex.sendResponseHeaders(status, out.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(out);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private DicomWebClient client() {
    return DicomWebClient.of(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web/"),
        DimseOptions.defaults());
  }

  @Test
  void qidoSendsMatchingKeysAndParsesTheJsonModel() {
    List<PacsMatch> m =
        client()
            .search(
                PacsQuery.studies()
                    .withPatientId("P-7")
                    .withModality("CT")
                    .withStudyDates(
                        Optional.of(java.time.LocalDate.of(2024, 3, 1)),
                        Optional.of(java.time.LocalDate.of(2024, 3, 31))),
                10);
    assertThat(requests.getFirst())
        .startsWith("GET /dicom-web/studies?")
        .contains("PatientID=P-7")
        .contains("ModalitiesInStudy=CT")
        .contains("StudyDate=20240301-20240331")
        .contains("limit=10");
    assertThat(m).hasSize(2);
    PacsMatch first = m.getFirst();
    assertThat(first.studyInstanceUid()).contains("1.2.3");
    assertThat(first.patientName()).contains("Doe^Jane");
    assertThat(first.studyDate()).contains(java.time.LocalDate.of(2024, 3, 5));
    assertThat(first.modalities()).containsExactly("CT", "SR");
    assertThat(first.numberOfInstances()).hasValue(3);
  }

  @Test
  void patientLevelGroupsStudiesByPatient() {
    assertThat(client().search(PacsQuery.at(QueryLevel.PATIENT), 10))
        .singleElement()
        .satisfies(p -> assertThat(p.patientId()).contains("P-7"));
  }

  @Test
  void wadoRetrievesTheMultipartObjectsUnchanged() throws IOException {
    List<ReceivedInstance> got = new ArrayList<>();
    List<long[]> progress = new ArrayList<>();
    var r =
        client()
            .retrieve(
                RetrieveRequest.study("1.2.3"),
                got::add,
                (d, t, msg) -> progress.add(new long[] {d, t}),
                () -> false);
    assertThat(r.received()).isEqualTo(1);
    assertThat(got.getFirst().part10()).isEqualTo(Files.readAllBytes(ct()));
    assertThat(progress.getLast()).containsExactly(1, 1);
    assertThat(requests).anyMatch(s -> s.equals("GET /dicom-web/studies/1.2.3"));
  }

  @Test
  void stowPostsMultipartAndReportsRefusedInstances() throws IOException {
    StoreResult r =
        client().store(List.of(DicomSource.file(ct())), ProgressListener.NONE, () -> false);
    assertThat(stowed).singleElement().isEqualTo(Files.readAllBytes(ct()));
    assertThat(r.sent()).isEqualTo(1);
    assertThat(r.failures()).isEmpty();
  }

  @Test
  void httpErrorsNameTheStatusButNotTheBody() {
    assertThatThrownBy(
            () ->
                client()
                    .retrieve(
                        RetrieveRequest.study("404"), i -> {}, ProgressListener.NONE, () -> false))
        .isInstanceOfSatisfying(
            PacsException.class, e -> assertThat(e.reason()).isEqualTo(PacsException.Reason.HTTP))
        .hasMessageContaining("HTTP 404")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Doe"));
  }

  @Test
  void refusedConnectionsAreReported() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    DicomWebClient c =
        DicomWebClient.of(
            URI.create("http://127.0.0.1:" + port + "/dicom-web"), DimseOptions.defaults());
    assertThatThrownBy(() -> c.search(PacsQuery.studies(), 5))
        .isInstanceOfSatisfying(
            PacsException.class,
            e -> assertThat(e.reason()).isEqualTo(PacsException.Reason.REFUSED));
  }

  @Test
  void uidsAreValidatedBeforeBuildingUrls() {
    assertThatThrownBy(
            () ->
                client()
                    .retrieve(
                        RetrieveRequest.study("1.2/../x"),
                        i -> {},
                        ProgressListener.NONE,
                        () -> false))
        .hasMessageContaining("Not a DICOM UID");
  }

  static byte[] bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)).readAllBytes();
  }
}
