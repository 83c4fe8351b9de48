/**
 * PACS connectivity: configured nodes ({@link org.meditwin.pacs.PacsNode}, persisted by {@link
 * org.meditwin.pacs.PacsNodes}), DIMSE services ({@link org.meditwin.pacs.DimseClient}: C-ECHO,
 * C-FIND, C-GET, C-MOVE into our loopback {@link org.meditwin.pacs.StoreScp}, C-STORE) and DICOMweb
 * ({@link org.meditwin.pacs.web.DicomWebClient}: QIDO-RS, WADO-RS, STOW-RS).
 *
 * <p>Received instances stay in memory and go to an {@link org.meditwin.pacs.InstanceSink} (the
 * imaging archive); nothing PHI is written to disk or logged. The DICOM upper layer and DIMSE
 * messages are our own code in {@code org.meditwin.pacs.dimse} (ADR 0124); PixelMed only encodes
 * and decodes data sets there.
 */
package org.meditwin.pacs;
