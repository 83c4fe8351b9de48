package org.meditwin.nlp.safety;

import java.util.List;

/**
 * One triage criterion the detector applies.
 *
 * @param id flag id ({@link RedFlag#id()})
 * @param name flag name
 * @param urgency {@link RedFlag#EMERGENCY} or {@link RedFlag#URGENT}
 * @param rule the criterion in words, e.g. "chest pain with dyspnoea, sweating or radiation"
 * @param source the published guideline or screening instrument the rule follows
 * @param nextSteps what the flag tells the user to do
 */
public record RedFlagCriterion(
    String id, String name, String urgency, String rule, String source, List<String> nextSteps) {
  public RedFlagCriterion {
    nextSteps = List.copyOf(nextSteps);
  }
}
