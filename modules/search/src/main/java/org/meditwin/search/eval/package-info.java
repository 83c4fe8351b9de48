/**
 * Retrieval evaluation on BEIR-format files: {@link org.meditwin.search.eval.BeirDataset}, {@link
 * org.meditwin.search.eval.RetrievalMetrics} (nDCG@10, recall@10/100, MRR@10), {@link
 * org.meditwin.search.eval.RetrievalEvaluator} and the MedQuAD-derived dev set {@link
 * org.meditwin.search.eval.MedquadDevSet}.
 */
package org.meditwin.search.eval;
