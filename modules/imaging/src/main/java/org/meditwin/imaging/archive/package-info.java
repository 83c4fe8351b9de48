/**
 * The patient's imaging archive (ADR 0126): DICOM objects imported for a patient (from files, a
 * PACS, …) stored as BLOBs in the encrypted clinical store, deduplicated by SOP Instance UID, every
 * read and write audited. {@link org.meditwin.imaging.archive.ImagingArchive} imports, lists and
 * hands objects back as in-memory {@link org.meditwin.imaging.DicomSource}s (no temporary files).
 */
package org.meditwin.imaging.archive;
