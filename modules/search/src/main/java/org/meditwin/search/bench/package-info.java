/** Search benchmarks at 10k-1M chunks ({@link org.meditwin.search.bench.SearchBenchmark}). */
package org.meditwin.search.bench;
