/**
 * Multi-agent clinical chat. {@link org.meditwin.chat.ChatEngine} answers a {@link
 * org.meditwin.chat.ChatRequest} with a {@link org.meditwin.chat.ChatAnswer}, streaming through a
 * {@link org.meditwin.chat.ChatListener}: red flags first ({@code org.meditwin.nlp.safety}), then
 * the orchestrator's choice of {@link org.meditwin.chat.Specialist}s, tool calls and the answer
 * text with citations, confidence and a disclaimer.
 */
package org.meditwin.chat;
