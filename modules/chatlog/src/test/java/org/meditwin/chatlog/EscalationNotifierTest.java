package org.meditwin.chatlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.service.UserSession;
import org.meditwin.store.EmbeddedWorkstation;

/** The notifier against a real HTTP endpoint on 127.0.0.1 (JDK HttpServer on port 0). */
class EscalationNotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private final List<Duration> sleeps = new ArrayList<>();

  /** Answers each POST with the next queued status (200 when none is queued). */
  private URI start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hooks/abc",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
          Integer status;
          synchronized (statuses) {
            status = statuses.isEmpty() ? 200 : statuses.poll();
          }
          byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/abc");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private WebhookClient client() {
    return new WebhookClient(
        new RetryPolicy(3, Duration.ofMillis(200), 2, Duration.ofSeconds(2), Duration.ofSeconds(5)),
        sleeps::add);
  }

  private static String summary() {
    return "Patient Zebulon Quixotefeld (MRN QX-448812, born 04/12/1961, phone 555-010-7788)"
        + " reports crushing chest pain with sweating since 20 minutes. Mr. Quixotefeld is 65.";
  }

  private static void assertMasked(String body) {
    for (String phi :
        List.of("Zebulon", "Quixotefeld", "QX-448812", "04/12/1961", "1961", "010-7788")) {
      assertThat(body).as("posted body leaks " + phi).doesNotContainIgnoringCase(phi);
    }
  }

  private Escalation raise(UserSession s, Patient p) {
    return EscalationQueue.of(s)
        .create(
            new EscalationRequest(
                summary(),
                Urgency.EMERGENCY,
                Optional.of(p.id().value()),
                Optional.empty(),
                List.of("acs-chest-pain")));
  }

  @Test
  void postsAMaskedMattermostTextMessage() throws Exception {
    URI url = start();
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      Patient p = Fixture.patient(s);
      EscalationQueue q = EscalationQueue.of(s);
      q.saveWebhook(new WebhookSettings(Optional.of(url), WebhookFormat.MATTERMOST));
      Escalation e = raise(s, p);
      Escalation sent =
          new EscalationNotifier(s, q, client(), SummaryMasker.rulesOnly()).deliver(e.id());

      assertThat(sent.delivery().status()).isEqualTo(DeliveryStatus.SENT);
      assertThat(sent.delivery().attempts()).isEqualTo(1);
      assertThat(sent.delivery().sentAt()).isPresent();
      assertThat(bodies).hasSize(1);
      JsonNode body = JSON.readTree(bodies.getFirst());
      assertThat(body.fieldNames()).toIterable().containsExactly("text");
      String text = body.get("text").asText();
      assertThat(text)
          .contains("EMERGENCY escalation " + e.reference())
          .contains("crushing chest pain with sweating")
          .contains("acs-chest-pain")
          .contains("<PERSON>");
      assertMasked(bodies.getFirst());
      // the stored case keeps the full summary for staff in the app
      assertThat(sent.summary()).contains("Zebulon");
    }
  }

  @Test
  void genericJsonCarriesTheCaseFieldsMasked() throws Exception {
    URI url = start();
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      Patient p = Fixture.patient(s);
      EscalationQueue q = EscalationQueue.of(s);
      q.saveWebhook(new WebhookSettings(Optional.of(url), WebhookFormat.GENERIC_JSON));
      Escalation e = raise(s, p);
      new EscalationNotifier(s, q, client(), SummaryMasker.rulesOnly()).deliver(e.id());
      JsonNode body = JSON.readTree(bodies.getFirst());
      assertThat(body.get("event").asText()).isEqualTo("escalation");
      assertThat(body.get("reference").asText()).isEqualTo(e.reference());
      assertThat(body.get("urgency").asText()).isEqualTo("EMERGENCY");
      assertThat(body.get("redFlags").get(0).asText()).isEqualTo("acs-chest-pain");
      assertThat(body.get("patientLinked").asBoolean()).isTrue();
      assertThat(body.get("summary").asText()).contains("chest pain");
      assertMasked(bodies.getFirst());
    }
  }

  @Test
  void aServerErrorIsRetriedWithBackOff() throws Exception {
    URI url = start();
    statuses.add(500);
    statuses.add(503);
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      EscalationQueue q = EscalationQueue.of(s);
      q.saveWebhook(new WebhookSettings(Optional.of(url), WebhookFormat.MATTERMOST));
      Escalation e = raise(s, Fixture.patient(s));
      Escalation sent =
          new EscalationNotifier(s, q, client(), SummaryMasker.rulesOnly()).deliver(e.id());
      assertThat(sent.delivery().status()).isEqualTo(DeliveryStatus.SENT);
      assertThat(sent.delivery().attempts()).isEqualTo(3);
      assertThat(bodies).hasSize(3);
      assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }
  }

  @Test
  void aClientErrorIsNotRetriedAndIsRecordedOnTheCase() throws Exception {
    URI url = start();
    statuses.add(404);
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      EscalationQueue q = EscalationQueue.of(s);
      q.saveWebhook(new WebhookSettings(Optional.of(url), WebhookFormat.MATTERMOST));
      Escalation e = raise(s, Fixture.patient(s));
      Escalation failed =
          new EscalationNotifier(s, q, client(), SummaryMasker.rulesOnly()).deliver(e.id());
      assertThat(failed.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(failed.delivery().lastError()).contains("HTTP 404");
      assertThat(failed.delivery().attempts()).isEqualTo(1);
      assertThat(sleeps).isEmpty();
    }
  }

  @Test
  void whenTheServerIsDownTheCaseIsKeptFailedAndARetryDeliversItLater() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    URI down = URI.create("http://127.0.0.1:" + port + "/hooks/abc");
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      EscalationQueue q = EscalationQueue.of(s);
      q.saveWebhook(new WebhookSettings(Optional.of(down), WebhookFormat.MATTERMOST));
      Escalation e = raise(s, Fixture.patient(s));
      EscalationNotifier notifier =
          new EscalationNotifier(s, q, client(), SummaryMasker.rulesOnly());
      Escalation failed = notifier.deliver(e.id());
      assertThat(failed.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(failed.delivery().attempts()).isEqualTo(3);
      assertThat(failed.delivery().lastError().orElseThrow()).contains("connection refused");
      assertThat(failed.status()).as("the case itself stays open").isEqualTo(EscalationStatus.OPEN);
      assertThat(sleeps).hasSize(2);

      // the server comes up on the configured port: the pending case goes out on the next retry
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      server.createContext(
          "/hooks/abc",
          x -> {
            try (InputStream in = x.getRequestBody()) {
              bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            x.sendResponseHeaders(200, -1);
            x.close();
          });
      server.start();
      List<Escalation> resent = notifier.deliverPending();
      assertThat(resent).hasSize(1);
      assertThat(resent.getFirst().delivery().status()).isEqualTo(DeliveryStatus.SENT);
      assertThat(resent.getFirst().delivery().attempts()).isEqualTo(4);
      assertThat(bodies).hasSize(1);
      assertMasked(bodies.getFirst());
      assertThat(notifier.deliverPending()).as("nothing is sent twice").isEmpty();
    }
  }

  @Test
  void casesRaisedBeforeAWebhookExistedCanBeSentByHand() throws Exception {
    URI url = start();
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      EscalationQueue q = EscalationQueue.of(s);
      Escalation e = raise(s, Fixture.patient(s));
      assertThat(e.delivery().status()).isEqualTo(DeliveryStatus.NOT_CONFIGURED);
      EscalationNotifier notifier =
          new EscalationNotifier(s, q, client(), SummaryMasker.rulesOnly());
      assertThat(notifier.deliver(e.id()).delivery().status())
          .isEqualTo(DeliveryStatus.NOT_CONFIGURED);
      q.saveWebhook(new WebhookSettings(Optional.of(url), WebhookFormat.MATTERMOST));
      assertThat(notifier.resend(e.id()).delivery().status()).isEqualTo(DeliveryStatus.SENT);
      assertThat(bodies).hasSize(1);
    }
  }

  @Test
  void theTestMessageCarriesNoCaseData() throws Exception {
    URI url = start();
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      EscalationQueue q = EscalationQueue.of(s);
      WebhookResult r =
          new EscalationNotifier(s, q, client(), SummaryMasker.rulesOnly())
              .test(new WebhookSettings(Optional.of(url), WebhookFormat.MATTERMOST));
      assertThat(r.ok()).isTrue();
      assertThat(JSON.readTree(bodies.getFirst()).get("text").asText()).contains("webhook test");
    }
  }
}
