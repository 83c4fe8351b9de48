package org.meditwin.inference.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleProviderTest {

  /** What the fake server does for each successive request. */
  enum Behaviour {
    STREAM,
    FAIL_500,
    SLOW_HEADERS,
    STALL_MID_STREAM,
    CUT_STREAM,
    BAD_REQUEST
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  HttpServer server;
  final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();
  final List<String> bodies = new ArrayList<>();
  final AtomicInteger requests = new AtomicInteger();
  final MutableClock clock = new MutableClock();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    synchronized (bodies) {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }
    Behaviour b = Optional.ofNullable(script.poll()).orElse(Behaviour.STREAM);
    try {
      switch (b) {
        case FAIL_500 -> {
          ex.sendResponseHeaders(500, -1);
        }
        case BAD_REQUEST -> ex.sendResponseHeaders(400, -1);
        case SLOW_HEADERS -> {
          sleep(3000);
          ex.sendResponseHeaders(500, -1);
        }
        default -> {
          ex.getResponseHeaders().add("Content-Type", "text/event-stream");
          ex.sendResponseHeaders(200, 0);
          OutputStream out = ex.getResponseBody();
          event(out, "{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}");
          event(out, "{\"choices\":[{\"delta\":{\"content\":\"Hearing loss \"}}]}");
          if (b == Behaviour.STALL_MID_STREAM) {
            sleep(3000);
          }
          if (b == Behaviour.CUT_STREAM) {
            out.close();
            return;
          }
          event(out, "{\"choices\":[{\"delta\":{\"content\":\"is common [1].\"}}]}");
          event(out, "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}");
          event(out, "[DONE]");
          out.close();
        }
      }
    } catch (IOException e) {
      // client gave up (timeout tests)
    } finally {
      ex.close();
    }
  }

  private static void event(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private OpenAiCompatibleProvider provider(int retries, int breakerThreshold) {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new OpenAiCompatibleProvider(
        new OpenAiCompatibleProvider.Config(
            base,
            "clinic-llm",
            Optional.of("secret-token"),
            // generous against a loaded CI machine, well below the server's 3 s stalls
            Duration.ofSeconds(2),
            Duration.ofMillis(1500),
            Duration.ofMillis(1000),
            retries,
            Duration.ofMillis(10),
            breakerThreshold,
            Duration.ofSeconds(30)),
        clock);
  }

  private static GenerationRequest request() {
    return GenerationRequest.of(
        "Is hearing loss common?",
        List.of(
            new SourcePassage(
                "kb-1", "Hearing loss", "https://medlineplus.gov", "Hearing loss is common.")));
  }

  @Test
  void streamsTokensInOrderAndCitesSources() {
    List<String> tokens = new ArrayList<>();
    Generation g = provider(0, 3).generate(request(), tokens::add);
    assertThat(tokens).containsExactly("Hearing loss ", "is common [1].");
    assertThat(g.text()).isEqualTo("Hearing loss is common [1].");
    assertThat(g.citations()).extracting(Citation::sourceId).containsExactly("kb-1");
    assertThat(bodies.get(0))
        .contains("\"stream\":true", "\"model\":\"clinic-llm\"", "[1] Hearing loss");
  }

  @Test
  void retriesServerErrorsWithBackoff() {
    script.add(Behaviour.FAIL_500);
    script.add(Behaviour.FAIL_500);
    Generation g = provider(2, 3).generate(request(), TokenSink.NONE);
    assertThat(g.text()).contains("Hearing loss");
    assertThat(requests.get()).isEqualTo(3);
  }

  @Test
  void clientErrorsAreNotRetried() {
    script.add(Behaviour.BAD_REQUEST);
    assertThatThrownBy(() -> provider(2, 3).generate(request(), TokenSink.NONE))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("HTTP 400");
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void slowServerTimesOut() {
    script.add(Behaviour.SLOW_HEADERS);
    assertThatThrownBy(() -> provider(0, 3).generate(request(), TokenSink.NONE))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("did not answer in time");
  }

  @Test
  void stalledStreamHitsTheIdleTimeoutAndIsNotRetriedAfterText() {
    script.add(Behaviour.STALL_MID_STREAM);
    List<String> tokens = new ArrayList<>();
    assertThatThrownBy(() -> provider(2, 3).generate(request(), tokens::add))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("stalled");
    assertThat(tokens).containsExactly("Hearing loss ");
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void streamClosedEarlyIsAnError() {
    script.add(Behaviour.CUT_STREAM);
    assertThatThrownBy(() -> provider(0, 3).generate(request(), TokenSink.NONE))
        .hasMessageContaining("closed the stream early");
  }

  @Test
  void breakerOpensAfterRepeatedFailuresThenHalfOpensAndCloses() {
    OpenAiCompatibleProvider p = provider(0, 2);
    script.add(Behaviour.FAIL_500);
    script.add(Behaviour.FAIL_500);
    assertThatThrownBy(() -> p.generate(request(), TokenSink.NONE))
        .isInstanceOf(GenerationException.class);
    assertThat(p.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThatThrownBy(() -> p.generate(request(), TokenSink.NONE))
        .isInstanceOf(GenerationException.class);
    assertThat(p.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(p.available()).isFalse();
    assertThatThrownBy(() -> p.generate(request(), TokenSink.NONE)).hasMessageContaining("paused");
    assertThat(requests.get()).isEqualTo(2);

    clock.now = clock.now.plusSeconds(31);
    assertThat(p.breaker().state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    script.add(Behaviour.FAIL_500);
    assertThatThrownBy(() -> p.generate(request(), TokenSink.NONE))
        .isInstanceOf(GenerationException.class);
    assertThat(p.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);

    clock.now = clock.now.plusSeconds(31);
    assertThat(p.generate(request(), TokenSink.NONE).text()).contains("common");
    assertThat(p.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void chainFallsBackToTheExtractiveComposerWhenTheServerFails() {
    script.add(Behaviour.FAIL_500);
    ProviderChain chain = new ProviderChain(List.of(provider(0, 3), ExtractiveComposer.lexical()));
    Generation g = chain.generate(request(), TokenSink.NONE);
    assertThat(g.provider()).isEqualTo("extractive");
    assertThat(g.text()).isEqualTo("Hearing loss is common. [1]");
  }

  @Test
  void unreachableServerFailsFastAndFallsBack() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    OpenAiCompatibleProvider dead =
        new OpenAiCompatibleProvider(
            new OpenAiCompatibleProvider.Config(
                URI.create("http://127.0.0.1:" + port),
                "x",
                Optional.empty(),
                Duration.ofMillis(200),
                Duration.ofMillis(200),
                Duration.ofMillis(200),
                1,
                Duration.ofMillis(10),
                3,
                Duration.ofSeconds(30)),
            clock);
    ProviderChain chain = new ProviderChain(List.of(dead, ExtractiveComposer.lexical()));
    assertThat(chain.generate(request(), TokenSink.NONE).provider()).isEqualTo("extractive");
  }
}
