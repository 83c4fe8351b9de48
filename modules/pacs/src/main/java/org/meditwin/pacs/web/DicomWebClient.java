package org.meditwin.pacs.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomSource;
import org.meditwin.pacs.DimseOptions;
import org.meditwin.pacs.InstanceSink;
import org.meditwin.pacs.PacsException;
import org.meditwin.pacs.PacsException.Reason;
import org.meditwin.pacs.PacsMatch;
import org.meditwin.pacs.PacsNode;
import org.meditwin.pacs.PacsQuery;
import org.meditwin.pacs.QueryLevel;
import org.meditwin.pacs.ReceivedInstance;
import org.meditwin.pacs.RetrieveRequest;
import org.meditwin.pacs.RetrieveResult;
import org.meditwin.pacs.StoreResult;
import org.meditwin.pacs.dimse.Part10;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DICOMweb (PS3.18) over {@code java.net.http}: QIDO-RS search (JSON), WADO-RS retrieve
 * (multipart/related application/dicom, parsed in memory with bounded sizes) and STOW-RS store.
 * Errors raise {@link PacsException} with the HTTP status but never the response body (it may echo
 * PHI). Thread-safe.
 */
public final class DicomWebClient {
  private static final Logger LOG = LoggerFactory.getLogger(DicomWebClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_JSON_BYTES = 64L << 20;
  private static final int STOW_BATCH = 16;
  private static final long STOW_BATCH_BYTES = 64L << 20;

  private final URI base;
  private final DimseOptions options;
  private final HttpClient http;

  private DicomWebClient(URI base, DimseOptions options) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.options = options;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();
  }

  /** A client for {@code baseUrl} (e.g. {@code http://127.0.0.1:8042/dicom-web}). */
  public static DicomWebClient of(URI baseUrl, DimseOptions options) {
    PacsNode.urlProblem(baseUrl)
        .ifPresent(
            p -> {
              throw new PacsException(Reason.BAD_INPUT, p);
            });
    return new DicomWebClient(baseUrl, options);
  }

  /** A client for the node's DICOMweb address. */
  public static DicomWebClient of(PacsNode node) {
    return of(
        node.dicomWebUrl()
            .orElseThrow(
                () ->
                    new PacsException(
                        Reason.BAD_INPUT, "Node '" + node.name() + "' has no DICOMweb address.")),
        DimseOptions.defaults());
  }

  // ------------------------------------------------------------------------------------ QIDO-RS

  /**
   * QIDO-RS search at the query's level. PATIENT level (not part of QIDO-RS) searches studies and
   * returns one match per patient id.
   */
  public List<PacsMatch> search(PacsQuery q, int limit) {
    long t0 = System.nanoTime();
    String path =
        switch (q.level()) {
          case PATIENT, STUDY -> "/studies";
          case SERIES -> "/studies/" + seg(q.studyInstanceUid().orElseThrow()) + "/series";
          case IMAGE ->
              "/studies/"
                  + seg(q.studyInstanceUid().orElseThrow())
                  + "/series/"
                  + seg(q.seriesInstanceUid().orElseThrow())
                  + "/instances";
        };
    Map<String, String> params = QidoParameters.of(q, limit);
    JsonNode array = getJson(path, params);
    List<PacsMatch> matches = new ArrayList<>();
    Map<String, Boolean> patients = new LinkedHashMap<>();
    for (JsonNode item : array) {
      QueryLevel level = q.level() == QueryLevel.PATIENT ? QueryLevel.STUDY : q.level();
      PacsMatch m = DicomJson.match(level, item);
      if (q.level() == QueryLevel.PATIENT) {
        String key = m.patientId().orElse("") + "\u0000" + m.patientName().orElse("");
        if (patients.putIfAbsent(key, true) == null) {
          matches.add(DicomJson.asPatient(m));
        }
      } else {
        matches.add(m);
      }
      if (matches.size() >= limit) {
        break;
      }
    }
    LOG.info(
        "QIDO-RS {} level {}: {} matches in {} ms",
        base.getHost(),
        q.level(),
        matches.size(),
        (System.nanoTime() - t0) / 1_000_000);
    return matches;
  }

  private JsonNode getJson(String path, Map<String, String> params) {
    URI uri = uri(path, params);
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .timeout(options.responseTimeout())
            .header("Accept", "application/dicom+json, application/json")
            .GET()
            .build();
    HttpResponse<InputStream> rsp = send(req, "QIDO-RS");
    try (InputStream in = rsp.body()) {
      if (rsp.statusCode() == 204) {
        return JSON.createArrayNode();
      }
      checkStatus(rsp.statusCode(), "QIDO-RS");
      byte[] body = in.readNBytes((int) MAX_JSON_BYTES + 1);
      if (body.length > MAX_JSON_BYTES) {
        throw new PacsException(Reason.PROTOCOL, "The QIDO-RS answer is larger than 64 MiB.");
      }
      if (body.length == 0) {
        return JSON.createArrayNode();
      }
      JsonNode n = JSON.readTree(body);
      if (!n.isArray()) {
        throw new PacsException(Reason.PROTOCOL, "The QIDO-RS answer is not a JSON array.");
      }
      return n;
    } catch (IOException e) {
      throw new PacsException(Reason.PROTOCOL, "The QIDO-RS answer is not valid JSON.", e);
    }
  }

  // ------------------------------------------------------------------------------------ WADO-RS

  /**
   * WADO-RS retrieve of a study or series; each instance goes to {@code sink} as it arrives
   * (original transfer syntax requested). Progress counts instances against the QIDO-RS count.
   */
  public RetrieveResult retrieve(
      RetrieveRequest r, InstanceSink sink, ProgressListener progress, BooleanSupplier cancelled) {
    long t0 = System.nanoTime();
    int total = 0;
    try {
      total = getJson(instancesPath(r), Map.of()).size();
    } catch (PacsException e) {
      if (e.reason() != Reason.HTTP) {
        throw e;
      }
    }
    String path =
        "/studies/"
            + seg(r.studyInstanceUid())
            + r.seriesInstanceUid().map(s -> "/series/" + seg(s)).orElse("");
    HttpResponse<InputStream> rsp =
        send(
            wadoRequest(path, "multipart/related; type=\"application/dicom\"; transfer-syntax=*"),
            "WADO-RS");
    if (rsp.statusCode() == 406 || rsp.statusCode() == 400) {
      close(rsp.body());
      rsp = send(wadoRequest(path, "multipart/related; type=\"application/dicom\""), "WADO-RS");
    }
    List<String> uids = new ArrayList<>();
    long bytes = 0;
    int failed = 0;
    boolean wasCancelled = false;
    try (InputStream in = rsp.body()) {
      checkStatus(rsp.statusCode(), "WADO-RS");
      String boundary =
          MultipartReader.boundaryOf(rsp.headers().firstValue("Content-Type").orElse(""));
      MultipartReader reader = new MultipartReader(in, boundary, options.maxInstanceBytes());
      progress.progress(0, total, "0 of " + total + " instances");
      Optional<MultipartReader.Part> part;
      while ((part = reader.next()).isPresent()) {
        byte[] body = part.get().body();
        try {
          Part10.Meta meta = Part10.parse(body);
          sink.accept(
              new ReceivedInstance(
                  meta.sopClassUid(), meta.sopInstanceUid(), meta.transferSyntaxUid(), body));
          uids.add(meta.sopInstanceUid());
          bytes += body.length;
        } catch (Exception e) {
          failed++;
          LOG.warn("WADO-RS part refused: {}", e.getClass().getSimpleName());
        }
        progress.progress(
            uids.size() + failed,
            Math.max(total, uids.size() + failed),
            uids.size() + " of " + Math.max(total, uids.size()) + " instances");
        if (cancelled.getAsBoolean()) {
          wasCancelled = true;
          break;
        }
      }
    } catch (IOException e) {
      throw new PacsException(
          Reason.ABORTED, "The WADO-RS transfer from " + base.getHost() + " broke off.", e);
    }
    RetrieveResult result =
        new RetrieveResult(
            uids.size(),
            failed,
            0,
            uids,
            bytes,
            Duration.ofNanos(System.nanoTime() - t0),
            wasCancelled);
    LOG.info(
        "WADO-RS {}: {} instances, {} failed, {} bytes in {} ms{}",
        base.getHost(),
        result.received(),
        failed,
        bytes,
        result.elapsed().toMillis(),
        wasCancelled ? " (cancelled)" : "");
    return result;
  }

  private static String instancesPath(RetrieveRequest r) {
    return "/studies/"
        + seg(r.studyInstanceUid())
        + r.seriesInstanceUid().map(s -> "/series/" + seg(s)).orElse("")
        + "/instances";
  }

  private HttpRequest wadoRequest(String path, String accept) {
    return HttpRequest.newBuilder(uri(path, Map.of()))
        .timeout(options.responseTimeout())
        .header("Accept", accept)
        .GET()
        .build();
  }

  // ------------------------------------------------------------------------------------ STOW-RS

  /** STOW-RS of Part 10 objects, in batches; per-instance failures are reported, not thrown. */
  public StoreResult store(
      List<DicomSource> sources, ProgressListener progress, BooleanSupplier cancelled) {
    long t0 = System.nanoTime();
    List<StoreResult.Failure> failures = new ArrayList<>();
    int sent = 0;
    long bytes = 0;
    boolean wasCancelled = false;
    int done = 0;
    List<byte[]> batch = new ArrayList<>();
    List<Integer> batchIndex = new ArrayList<>();
    long batchBytes = 0;
    progress.progress(0, sources.size(), "Sending " + sources.size() + " instances");
    for (int i = 0; i <= sources.size(); i++) {
      boolean last = i == sources.size();
      if (!last) {
        if (cancelled.getAsBoolean()) {
          wasCancelled = true;
          last = true;
        } else {
          DicomSource s = sources.get(i);
          try {
            byte[] b = readAll(s);
            Part10.parse(b);
            batch.add(b);
            batchIndex.add(i);
            batchBytes += b.length;
          } catch (PacsException e) {
            failures.add(new StoreResult.Failure(i, s.displayName(), e.getMessage()));
            done++;
          } catch (IOException e) {
            failures.add(new StoreResult.Failure(i, s.displayName(), "Cannot read the file."));
            done++;
          }
        }
      }
      if (!batch.isEmpty()
          && (last || batch.size() >= STOW_BATCH || batchBytes >= STOW_BATCH_BYTES)) {
        Map<String, String> failed = stowBatch(batch);
        for (int k = 0; k < batch.size(); k++) {
          String uid = Part10.parse(batch.get(k)).sopInstanceUid();
          int index = batchIndex.get(k);
          if (failed.containsKey(uid)) {
            failures.add(
                new StoreResult.Failure(index, sources.get(index).displayName(), failed.get(uid)));
          } else {
            sent++;
            bytes += batch.get(k).length;
          }
        }
        done += batch.size();
        progress.progress(done, sources.size(), sent + " of " + sources.size() + " instances sent");
        batch.clear();
        batchIndex.clear();
        batchBytes = 0;
      }
      if (last) {
        break;
      }
    }
    failures.sort(java.util.Comparator.comparingInt(StoreResult.Failure::index));
    StoreResult r =
        new StoreResult(
            sent, failures, bytes, Duration.ofNanos(System.nanoTime() - t0), wasCancelled);
    LOG.info(
        "STOW-RS {}: {} sent, {} failed, {} bytes in {} ms",
        base.getHost(),
        sent,
        failures.size(),
        bytes,
        r.elapsed().toMillis());
    return r;
  }

  /** Posts one multipart batch; returns the SOP instance UIDs the server refused, with reasons. */
  private Map<String, String> stowBatch(List<byte[]> objects) {
    String boundary = "meditwin-" + UUID.randomUUID();
    List<ByteBuffer> parts = new ArrayList<>();
    long length = 0;
    for (byte[] o : objects) {
      byte[] head =
          ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      parts.add(ByteBuffer.wrap(head));
      parts.add(ByteBuffer.wrap(o));
      parts.add(ByteBuffer.wrap("\r\n".getBytes(StandardCharsets.US_ASCII)));
      length += head.length + o.length + 2;
    }
    byte[] tail = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    parts.add(ByteBuffer.wrap(tail));
    length += tail.length;
    List<byte[]> arrays = parts.stream().map(ByteBuffer::array).toList();
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofByteArrays(arrays), length);
    HttpRequest req =
        HttpRequest.newBuilder(uri("/studies", Map.of()))
            .timeout(options.responseTimeout())
            .header(
                "Content-Type",
                "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
            .header("Accept", "application/dicom+json, application/json")
            .POST(body)
            .build();
    HttpResponse<InputStream> rsp = send(req, "STOW-RS");
    try (InputStream in = rsp.body()) {
      int status = rsp.statusCode();
      byte[] json = in.readNBytes((int) MAX_JSON_BYTES);
      if (status != 200 && status != 202 && status != 409) {
        checkStatus(status, "STOW-RS");
      }
      Map<String, String> failed = new LinkedHashMap<>();
      if (json.length > 0) {
        JsonNode n = JSON.readTree(json);
        for (JsonNode item : DicomJson.sequence(n, "00081198")) {
          String uid = DicomJson.string(item, "00081155").orElse("");
          int reason = DicomJson.integer(item, "00081197").orElse(0xC000);
          failed.put(
              uid, String.format("The server refused the object (failure reason 0x%04X).", reason));
        }
        if (status == 409 && failed.isEmpty()) {
          objects.forEach(
              o ->
                  failed.put(
                      Part10.parse(o).sopInstanceUid(),
                      "The server refused the object (HTTP 409)."));
        }
      } else if (status == 409) {
        objects.forEach(
            o ->
                failed.put(
                    Part10.parse(o).sopInstanceUid(), "The server refused the object (HTTP 409)."));
      }
      return failed;
    } catch (IOException e) {
      throw new PacsException(Reason.PROTOCOL, "The STOW-RS answer is not valid JSON.", e);
    }
  }

  private byte[] readAll(DicomSource s) throws IOException {
    if (s.size() > options.maxInstanceBytes()) {
      throw new PacsException(
          Reason.BAD_INPUT,
          "The file is larger than the limit of " + (options.maxInstanceBytes() >> 20) + " MiB.");
    }
    try (InputStream in = s.open()) {
      return in.readNBytes((int) options.maxInstanceBytes());
    }
  }

  // ------------------------------------------------------------------------------------ HTTP

  private HttpResponse<InputStream> send(HttpRequest req, String service) {
    String where = base.getHost() + ":" + port(base);
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw new PacsException(
          Reason.TIMEOUT,
          "No answer from the DICOMweb server at " + where + " (connect timeout).",
          e);
    } catch (HttpTimeoutException e) {
      throw new PacsException(
          Reason.TIMEOUT,
          "The DICOMweb server at " + where + " did not answer " + service + " in time.",
          e);
    } catch (ConnectException e) {
      throw new PacsException(
          Reason.REFUSED,
          "Nothing accepts connections at "
              + where
              + " (connection refused): is the DICOMweb server running?",
          e);
    } catch (IOException e) {
      throw new PacsException(
          Reason.UNREACHABLE, "Cannot reach the DICOMweb server at " + where + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PacsException(Reason.ABORTED, service + " was interrupted.", e);
    }
  }

  private static int port(URI u) {
    return u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static void checkStatus(int status, String service) {
    if (status >= 200 && status < 300) {
      return;
    }
    String meaning =
        switch (status) {
          case 400 -> "bad request";
          case 401, 403 -> "not authorised";
          case 404 -> "not found";
          case 406 -> "the requested format is not available";
          case 409 -> "conflict";
          case 413 -> "too large";
          case 415 -> "unsupported media type";
          case 503 -> "unavailable";
          default -> status >= 500 ? "server error" : "refused";
        };
    throw new PacsException(
        Reason.HTTP,
        "The DICOMweb server answered " + service + " with HTTP " + status + " (" + meaning + ").");
  }

  private URI uri(String path, Map<String, String> params) {
    StringBuilder b = new StringBuilder(base.toString()).append(path);
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      b.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
      sep = '&';
    }
    return URI.create(b.toString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String seg(String uid) {
    if (!uid.matches("[0-9.]{1,64}")) {
      throw new PacsException(
          Reason.BAD_INPUT, "Not a DICOM UID: only digits and dots are allowed.");
    }
    return uid;
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // discarding the body
    }
  }
}
