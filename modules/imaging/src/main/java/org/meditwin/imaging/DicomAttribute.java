package org.meditwin.imaging;

/**
 * One data element for the metadata inspector.
 *
 * @param tag "(gggg,eeee)"
 * @param keyword dictionary keyword ("" for private or unknown tags)
 * @param vr value representation
 * @param value the value as text (bulk data summarised), nested items indented by {@code depth}
 */
public record DicomAttribute(String tag, String keyword, String vr, String value, int depth) {}
