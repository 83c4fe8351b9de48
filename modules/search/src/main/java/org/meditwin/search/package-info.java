/**
 * Hybrid retrieval over an encrypted Lucene index.
 *
 * <p>Entry points: {@link org.meditwin.search.SearchService} (search, add/update/delete, commit),
 * {@link org.meditwin.search.KnowledgeBase} (the shipped MedQuAD knowledge base), {@link
 * org.meditwin.search.TextEmbedder} (dense encoder seam), {@link
 * org.meditwin.search.EncryptedDirectory} (AES-CTR encrypted Lucene {@code Directory}). Evaluation
 * lives in {@code org.meditwin.search.eval}, benchmarks in {@code org.meditwin.search.bench}.
 */
package org.meditwin.search;
