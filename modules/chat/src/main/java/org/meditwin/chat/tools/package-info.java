/**
 * Tools the orchestrator calls (function calling) and the small lookups the app plugs in: {@link
 * org.meditwin.chat.tools.TimelineLookup}, {@link org.meditwin.chat.tools.MedicationLookup}.
 */
package org.meditwin.chat.tools;
