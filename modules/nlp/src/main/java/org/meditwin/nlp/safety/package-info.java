/**
 * Clinical safety: {@link org.meditwin.nlp.safety.RedFlagDetector} finds emergency and urgent
 * warning signs ({@link org.meditwin.nlp.safety.RedFlag}) in chat messages and visit transcripts
 * with published triage criteria ({@link org.meditwin.nlp.safety.RedFlagCriterion}).
 */
package org.meditwin.nlp.safety;
