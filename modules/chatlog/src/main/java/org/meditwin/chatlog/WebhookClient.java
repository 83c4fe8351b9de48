package org.meditwin.chatlog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON to an incoming webhook with {@link HttpClient}: connect and request timeouts, retries
 * with exponential back-off on connection failures, timeouts, 429 and 5xx; no retry on other 4xx (a
 * wrong URL or token does not get better). Never logs the URL (it carries the hook's secret) or the
 * body.
 */
public final class WebhookClient {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookClient.class);

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final HttpClient http;
  private final RetryPolicy policy;
  private final Sleeper sleeper;

  public WebhookClient(RetryPolicy policy) {
    this(policy, d -> Thread.sleep(d.toMillis()));
  }

  public WebhookClient(RetryPolicy policy, Sleeper sleeper) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(policy.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Posts {@code json}; blocking (for a background thread). */
  public WebhookResult post(URI url, String json) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(json, "json");
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(policy.timeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    OptionalInt lastStatus = OptionalInt.empty();
    String error = "";
    for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
      if (attempt > 1) {
        try {
          sleeper.sleep(policy.backoffBefore(attempt));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new WebhookResult(false, attempt - 1, lastStatus, Optional.of("interrupted"));
        }
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        lastStatus = OptionalInt.of(status);
        if (status >= 200 && status < 300) {
          return new WebhookResult(true, attempt, lastStatus, Optional.empty());
        }
        error = "HTTP " + status;
        boolean retryable = status == 429 || status >= 500;
        LOG.info("webhook attempt {} answered HTTP {}", attempt, status);
        if (!retryable) {
          return new WebhookResult(false, attempt, lastStatus, Optional.of(error));
        }
      } catch (HttpConnectTimeoutException e) {
        error = "connection timed out";
        LOG.info("webhook attempt {}: {}", attempt, error);
      } catch (HttpTimeoutException e) {
        error = "no answer within " + policy.timeout().toSeconds() + " s";
        LOG.info("webhook attempt {}: {}", attempt, error);
      } catch (java.net.ConnectException e) {
        error = "connection refused (server down or unreachable)";
        LOG.info("webhook attempt {}: {}", attempt, error);
      } catch (IOException e) {
        error = "network error (" + e.getClass().getSimpleName() + ")";
        LOG.info("webhook attempt {}: {}", attempt, error);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new WebhookResult(false, attempt, lastStatus, Optional.of("interrupted"));
      }
    }
    return new WebhookResult(false, policy.attempts(), lastStatus, Optional.of(error));
  }

  /** For diagnostics: the back-off before each retry under this client's policy. */
  Duration backoffBefore(int attempt) {
    return policy.backoffBefore(attempt);
  }
}
