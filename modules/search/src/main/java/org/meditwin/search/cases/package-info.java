/**
 * Similar-case retrieval: an encrypted Lucene index of imaging cases — an image-embedding vector
 * (HNSW, cosine), report/impression text (BM25 and, with an encoder, a dense text vector) and
 * metadata — queried by image kNN optionally fused with report-text similarity, with the source and
 * patient filters applied inside the kNN search ({@link org.meditwin.search.cases.CaseIndex},
 * opened by the app through {@link org.meditwin.search.cases.CaseIndexes}). ADR 0130.
 */
package org.meditwin.search.cases;
