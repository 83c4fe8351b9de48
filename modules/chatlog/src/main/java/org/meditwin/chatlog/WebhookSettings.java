package org.meditwin.chatlog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where escalations are announced. Empty {@link #url()} means no webhook: cases stay in the in-app
 * queue only.
 */
public record WebhookSettings(Optional<URI> url, WebhookFormat format) {
  public WebhookSettings {
    url = url == null ? Optional.empty() : url;
    Objects.requireNonNull(format, "format");
  }

  public static WebhookSettings none() {
    return new WebhookSettings(Optional.empty(), WebhookFormat.MATTERMOST);
  }

  public boolean configured() {
    return url.isPresent();
  }

  /**
   * Parses a URL typed by a user: blank means none; otherwise an absolute http(s) URL with a host.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  public static WebhookSettings parse(String url, WebhookFormat format) {
    String u = url == null ? "" : url.strip();
    if (u.isEmpty()) {
      return new WebhookSettings(Optional.empty(), format);
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("The webhook address is not a valid URL.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "The webhook address must start with https:// or http://.");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("The webhook address has no host name.");
    }
    return new WebhookSettings(Optional.of(uri), format);
  }
}
