/**
 * Saving analysis results as DICOM: {@link org.meditwin.imaging.output.DerivedObjects} writes
 * Secondary Capture, Parametric Map and Segmentation objects into the source's study (the PixelMed
 * writer behind it lives in {@code org.meditwin.imaging.pixelmed}).
 */
package org.meditwin.imaging.output;
