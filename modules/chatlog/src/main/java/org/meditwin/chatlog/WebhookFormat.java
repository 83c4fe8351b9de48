package org.meditwin.chatlog;

/** The body the notifier posts. */
public enum WebhookFormat {
  /** Mattermost (and Slack-compatible) incoming webhook: {@code {"text": "..."}} in Markdown. */
  MATTERMOST,
  /** A JSON object with the case fields ({@code event, reference, urgency, summary, ...}). */
  GENERIC_JSON
}
