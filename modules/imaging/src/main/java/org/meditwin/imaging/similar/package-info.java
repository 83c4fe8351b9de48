/**
 * Similar-case search for images (ADR 0130, 0131): {@link
 * org.meditwin.imaging.similar.SimilarCaseService} embeds an image with the chest model's
 * penultimate layer and queries the encrypted {@code org.meditwin.search.cases.CaseIndex}; the
 * {@link org.meditwin.imaging.similar.ReferenceLibrary} (PneumoniaMNIST train split, CC BY 4.0) is
 * indexed at first use; {@link org.meditwin.imaging.similar.SimilarCaseEvaluation} measures it.
 */
package org.meditwin.imaging.similar;
