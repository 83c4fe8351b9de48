package org.meditwin.documents;

/**
 * A clinical entity found on a page (offsets into {@link DocumentPage#text()}), with its assertion;
 * the viewer highlights these.
 *
 * @param type the NLP entity type name (DISEASE, SYMPTOM, MEDICATION, PROCEDURE, ANATOMY, LAB_TEST)
 * @param experiencer PATIENT, FAMILY or OTHER
 */
public record DocumentEntity(
    int page,
    int start,
    int end,
    String type,
    boolean negated,
    boolean uncertain,
    boolean historical,
    String experiencer) {}
