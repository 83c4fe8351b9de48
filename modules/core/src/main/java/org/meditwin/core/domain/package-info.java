/** Immutable domain values. Fields documented as PHI must never reach logs or plaintext files. */
package org.meditwin.core.domain;
