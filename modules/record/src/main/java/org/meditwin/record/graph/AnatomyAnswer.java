package org.meditwin.record.graph;

import java.util.List;
import org.meditwin.record.Anatomy;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.Laterality;

/**
 * The answer to "what affects the left ear?".
 *
 * @param part the body part asked about (its descendants are included)
 * @param side the side asked about ({@link Laterality#NONE}: any side)
 * @param events events affecting the part or a part inside it on that side (bilateral ones
 *     included), in date order
 * @param related events linked to those (same visit, reason, report) that are not themselves in
 *     {@code events}, in date order
 */
public record AnatomyAnswer(
    Anatomy.BodyPart part,
    Laterality side,
    List<ClinicalEvent> events,
    List<ClinicalEvent> related) {
  public AnatomyAnswer {
    events = List.copyOf(events);
    related = List.copyOf(related);
  }
}
