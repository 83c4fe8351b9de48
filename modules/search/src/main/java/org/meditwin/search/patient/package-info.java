/**
 * Patients' own records (notes, documents, imaging reports, timeline events) in an encrypted hybrid
 * index: {@link org.meditwin.search.patient.PatientRecordIndex}, opened by the app through {@link
 * org.meditwin.search.patient.PatientIndexes}.
 */
package org.meditwin.search.patient;
