package org.meditwin.inference.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clinic-hosted OpenAI-compatible server ({@code POST /v1/chat/completions}, {@code stream:
 * true}, server-sent events) through {@link java.net.http.HttpClient}: connect/first-byte/idle
 * timeouts, retries with exponential back-off before any text was streamed, and a circuit breaker
 * so a dead server costs nothing.
 */
public final class OpenAiCompatibleProvider implements GenerativeProvider {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleProvider.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "llm-stream-watchdog");
            t.setDaemon(true);
            return t;
          });

  /**
   * Server settings chosen by the clinic.
   *
   * @param baseUrl e.g. {@code http://llm.clinic.local:8000} ({@code /v1/chat/completions} is
   *     appended)
   * @param apiKey bearer token if the server needs one
   * @param connectTimeout TCP connect timeout
   * @param firstByteTimeout time until response headers
   * @param idleTimeout longest silence while streaming
   * @param maxRetries extra attempts after the first (only before any text was streamed)
   * @param initialBackoff first back-off, doubled each retry
   * @param breakerThreshold consecutive failed calls that open the circuit
   * @param breakerOpenFor how long the circuit stays open before a half-open trial
   */
  public record Config(
      URI baseUrl,
      String model,
      Optional<String> apiKey,
      Duration connectTimeout,
      Duration firstByteTimeout,
      Duration idleTimeout,
      int maxRetries,
      Duration initialBackoff,
      int breakerThreshold,
      Duration breakerOpenFor) {
    public static Config of(URI baseUrl, String model) {
      return new Config(
          baseUrl,
          model,
          Optional.empty(),
          Duration.ofSeconds(3),
          Duration.ofSeconds(30),
          Duration.ofSeconds(30),
          2,
          Duration.ofMillis(500),
          3,
          Duration.ofSeconds(60));
    }
  }

  private final Config config;
  private final HttpClient http;
  private final CircuitBreaker breaker;

  public OpenAiCompatibleProvider(Config config, Clock clock) {
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.breaker = new CircuitBreaker(config.breakerThreshold(), config.breakerOpenFor(), clock);
  }

  @Override
  public String name() {
    return "server:" + config.model();
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  @Override
  public boolean available() {
    return breaker.wouldAllow();
  }

  @Override
  public Generation generate(GenerationRequest request, TokenSink sink) {
    if (!breaker.tryAcquire()) {
      throw new GenerationException(
          "the clinic language server is paused after repeated failures", true);
    }
    StringBuilder text = new StringBuilder();
    GenerationException last = null;
    for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
      if (attempt > 0) {
        sleep(config.initialBackoff().multipliedBy(1L << (attempt - 1)));
      }
      try {
        stream(
            request,
            t -> {
              text.append(t);
              sink.token(t);
            });
        breaker.onSuccess();
        return new Generation(text.toString(), name(), citationsIn(text, request), false);
      } catch (GenerationException e) {
        last = e;
        LOG.warn("language server attempt {} failed: {}", attempt + 1, e.getMessage());
        if (!e.retryable() || !text.isEmpty()) {
          break;
        }
      }
    }
    breaker.onFailure();
    throw last;
  }

  private void stream(GenerationRequest r, TokenSink sink) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(config.baseUrl().resolve("/v1/chat/completions"))
            .timeout(config.firstByteTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body(r), StandardCharsets.UTF_8));
    config.apiKey().ifPresent(k -> b.header("Authorization", "Bearer " + k));
    HttpResponse<InputStream> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new GenerationException("the language server did not answer in time", true, e);
    } catch (IOException e) {
      throw new GenerationException(
          "the language server is unreachable: " + e.getMessage(), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GenerationException("interrupted", false, e);
    }
    int status = response.statusCode();
    if (status != 200) {
      close(response.body());
      boolean retry = status >= 500 || status == 429 || status == 408;
      throw new GenerationException("the language server answered HTTP " + status, retry);
    }
    AtomicBoolean idle = new AtomicBoolean(false);
    InputStream body = response.body();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      ScheduledFuture<?> watchdog = arm(body, idle);
      String line;
      boolean done = false;
      while (!done && (line = in.readLine()) != null) {
        watchdog.cancel(false);
        watchdog = arm(body, idle);
        if (!line.startsWith("data:")) {
          continue;
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
          done = true;
          continue;
        }
        JsonNode choice = JSON.readTree(data).path("choices").path(0);
        String piece = choice.path("delta").path("content").asText("");
        if (!piece.isEmpty()) {
          sink.token(piece);
        }
        if (!choice.path("finish_reason").isMissingNode()
            && !choice.path("finish_reason").isNull()) {
          done = true;
        }
      }
      watchdog.cancel(false);
      if (!done) {
        throw new GenerationException("the language server closed the stream early", true);
      }
    } catch (IOException e) {
      if (idle.get()) {
        throw new GenerationException("the language server stalled while streaming", true, e);
      }
      throw new GenerationException(
          "the language server stream failed: " + e.getMessage(), true, e);
    }
  }

  private ScheduledFuture<?> arm(InputStream body, AtomicBoolean idle) {
    return WATCHDOG.schedule(
        () -> {
          idle.set(true);
          close(body);
        },
        config.idleTimeout().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private String body(GenerationRequest r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", config.model());
    root.put("stream", true);
    root.put("max_tokens", r.maxTokens());
    root.put("temperature", r.temperature());
    ArrayNode messages = root.putArray("messages");
    String system = r.system();
    if (!r.sources().isEmpty()) {
      system =
          system
              + "\nAnswer only from the numbered sources below and cite them as [n]. If they do not"
              + " contain the answer, say so.\n\n"
              + r.numberedSources();
    }
    if (!system.isBlank()) {
      messages.addObject().put("role", "system").put("content", system.strip());
    }
    messages.addObject().put("role", "user").put("content", r.question());
    return root.toString();
  }

  static List<Citation> citationsIn(CharSequence text, GenerationRequest r) {
    java.util.List<Citation> out = new java.util.ArrayList<>();
    for (int i = 0; i < r.sources().size(); i++) {
      if (text.toString().contains("[" + (i + 1) + "]")) {
        SourcePassage s = r.sources().get(i);
        out.add(new Citation(i + 1, s.id(), s.title(), s.url(), ""));
      }
    }
    return out;
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      LOG.debug("closing a response stream failed: {}", e.getMessage());
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
