package org.meditwin.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.chatlog.DeliveryStatus;
import org.meditwin.chatlog.Escalation;
import org.meditwin.chatlog.EscalationRequest;
import org.meditwin.chatlog.Urgency;
import org.meditwin.chatlog.WebhookFormat;

/** Webhook settings and delivery from the queue's view model, against 127.0.0.1. */
class EscalationsViewModelTest {
  @TempDir Path dir;
  private HttpServer server;
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

  private String start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hooks/team",
        x -> {
          try (InputStream in = x.getRequestBody()) {
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/team";
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void anAdministratorSavesAndTestsTheWebhookAndCasesAreThenAnnounced() throws Exception {
    String url = start();
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      EscalationsViewModel vm = kit.escalations;
      vm.loadWebhook();
      assertThat(vm.webhookStatusProperty().get())
          .isEqualTo(kit.i18n.get("escalation.webhook.none"));

      vm.webhookUrlProperty().set("ftp://nope");
      vm.saveWebhook();
      assertThat(vm.webhookStatusProperty().get())
          .isEqualTo(kit.i18n.get("escalation.webhook.invalid"));

      vm.webhookUrlProperty().set(url);
      vm.webhookFormatProperty().set(WebhookFormat.MATTERMOST);
      vm.testWebhook();
      assertThat(vm.webhookStatusProperty().get())
          .isEqualTo(kit.i18n.get("escalation.webhook.testOk"));
      assertThat(bodies).hasSize(1);
      vm.saveWebhook();
      assertThat(vm.webhookStatusProperty().get())
          .isEqualTo(kit.i18n.get("escalation.webhook.saved"));

      Escalation e =
          vm.raise(
                  new EscalationRequest(
                      "Facial droop and slurred speech since 20 minutes",
                      Urgency.EMERGENCY,
                      Optional.empty(),
                      Optional.empty(),
                      List.of("stroke-fast")))
              .get();
      assertThat(e.delivery().status()).isEqualTo(DeliveryStatus.SENT);
      assertThat(vm.statusProperty().get())
          .contains(e.reference())
          .contains(kit.i18n.get("escalation.delivery.SENT"));
      assertThat(bodies).hasSize(2);
      assertThat(bodies.get(1)).contains("EMERGENCY escalation " + e.reference());
      assertThat(vm.cases()).extracting(Escalation::id).containsExactly(e.id());
    }
  }

  @Test
  void aFailedNotificationIsShownOnTheCaseAndGoesOutOnceTheServerIsBack() throws Exception {
    String url = start();
    int port = server.getAddress().getPort();
    server.stop(0);
    server = null;
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      EscalationsViewModel vm = kit.escalations;
      vm.webhookUrlProperty().set(url);
      vm.saveWebhook();
      Escalation e =
          vm.raise(
                  new EscalationRequest(
                      "Worst headache of my life with a stiff neck",
                      Urgency.EMERGENCY,
                      Optional.empty(),
                      Optional.empty(),
                      List.of()))
              .get();
      assertThat(e.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(vm.deliveryText(e.delivery())).contains("connection refused").contains("4");
      assertThat(vm.statusProperty().get()).contains(e.reference());

      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      server.createContext(
          "/hooks/team",
          x -> {
            bodies.add("sent");
            x.sendResponseHeaders(200, -1);
            x.close();
          });
      server.start();
      assertThat(vm.retryUndelivered().get())
          .extracting(x -> x.delivery().status())
          .containsExactly(DeliveryStatus.SENT);
      assertThat(vm.cases().getFirst().delivery().status()).isEqualTo(DeliveryStatus.SENT);
      assertThat(bodies).hasSize(1);
      assertThat(vm.retryUndelivered().get()).as("nothing waits any more").isEmpty();
      vm.resend(vm.cases().getFirst());
      assertThat(vm.selectedProperty().get().orElseThrow().delivery().status())
          .isEqualTo(DeliveryStatus.SENT);
      assertThat(bodies).as("a sent case is not posted again").hasSize(1);
    }
  }
}
