package org.meditwin.search;

/** On-disk format of the chunk vectors (ADR 0063 has the measured trade-off). */
public enum VectorFormat {
  /** float32 vectors, HNSW graph ({@code Lucene99HnswVectorsFormat}). */
  HNSW_FLOAT32,
  /**
   * 7-bit scalar-quantised HNSW ({@code Lucene104HnswScalarQuantizedVectorsFormat}); results are
   * rescored against the full-precision vectors.
   */
  HNSW_SCALAR_QUANTIZED_7BIT
}
