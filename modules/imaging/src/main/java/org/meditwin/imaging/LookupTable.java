package org.meditwin.imaging;

/**
 * A DICOM lookup table (modality, VOI or one palette channel).
 *
 * @param firstMapped the first stored value mapped (descriptor value 2)
 * @param bits bits per entry (descriptor value 3)
 * @param entries the table (unsigned)
 */
public record LookupTable(int firstMapped, int bits, int[] entries) {
  public LookupTable {
    if (entries.length == 0) {
      throw new IllegalArgumentException("empty lookup table");
    }
    entries = entries.clone();
  }

  /** The entry for {@code value}, clamped at both ends (PS3.3 C.11.1.1). */
  public int lookup(int value) {
    int index = value - firstMapped;
    if (index <= 0) {
      return entries[0];
    }
    if (index >= entries.length) {
      return entries[entries.length - 1];
    }
    return entries[index];
  }

  public int size() {
    return entries.length;
  }

  /** Largest entry value the descriptor allows. */
  public int maxValue() {
    return (1 << bits) - 1;
  }

  @Override
  public int[] entries() {
    return entries.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LookupTable t
        && t.firstMapped == firstMapped
        && t.bits == bits
        && java.util.Arrays.equals(t.entries, entries);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(firstMapped, bits, java.util.Arrays.hashCode(entries));
  }

  @Override
  public String toString() {
    return "LookupTable[first=" + firstMapped + ", bits=" + bits + ", n=" + entries.length + "]";
  }
}
