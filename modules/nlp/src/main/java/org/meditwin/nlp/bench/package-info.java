/** Throughput benchmark of the NLP pipeline ({@code ./run bench nlp}). */
package org.meditwin.nlp.bench;
