package org.meditwin.nlp.pii;

/**
 * Kinds of personal data found in clinical text: the HIPAA Safe Harbor identifiers plus the
 * Presidio entity types that occur in clinical notes.
 */
public enum PiiType {
  PERSON,
  /** Street addresses, cities, regions, countries and postal codes. */
  LOCATION,
  /** Any date element more specific than a year, weekdays, times, and years in date context. */
  DATE,
  /** Ages; HIPAA requires only ages over 89 to be removed ({@link DeidPolicy}). */
  AGE,
  PHONE,
  FAX,
  EMAIL,
  URL,
  IP_ADDRESS,
  /** US social security number (area/group/serial rules). */
  US_SSN,
  /** Other national ids with a checksum: UK NHS number (mod 11), Spanish DNI/NIE (mod 23). */
  NATIONAL_ID,
  /** IBAN (ISO 13616 mod-97 check). */
  IBAN,
  CREDIT_CARD,
  MEDICAL_RECORD_NUMBER,
  /** Account, insurance policy and health-plan member numbers. */
  ACCOUNT_NUMBER,
  /** Driver's licence, professional licence, DEA and NPI numbers. */
  LICENSE_NUMBER,
  /** Other identifying numbers (device serials, ids without a recognised context). */
  ID_NUMBER
}
