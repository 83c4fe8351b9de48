package org.meditwin.search;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.ByteBuffersIndexInput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.RandomAccessInput;

/**
 * A random-access index file decrypted once into <em>off-heap</em> memory (ADR 0061, 0068): the
 * HNSW graph and vector files are read at random offsets thousands of times per search and per
 * graph insertion during merges, and decrypting a buffer per read made indexing and search an order
 * of magnitude slower. Off-heap keeps large vector files (1.5 GB at 1M float32 chunks) out of the
 * Java heap; the memory is zeroed and freed deterministically when the original input closes
 * (clones and slices share it and, per Lucene's contract, are not used after that).
 */
final class DecryptedMemoryInput extends IndexInput implements RandomAccessInput {
  static final int CHUNK = 1 << 20;

  /** The decrypted bytes of one file, shared by the original input, its clones and slices. */
  static final class Region {
    private final Arena arena;
    private final MemorySegment segment;
    private final AtomicLong budgetInUse;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Region(Arena arena, MemorySegment segment, AtomicLong budgetInUse) {
      this.arena = arena;
      this.segment = segment;
      this.budgetInUse = budgetInUse;
    }

    /**
     * Reserves {@code length} bytes of {@code budgetInUse} (≤ {@code budget}) and allocates them,
     * or returns empty when the budget would be exceeded.
     */
    static Optional<Region> allocate(long length, long budget, AtomicLong budgetInUse) {
      while (true) {
        long used = budgetInUse.get();
        if (used + length > budget) {
          return Optional.empty();
        }
        if (budgetInUse.compareAndSet(used, used + length)) {
          break;
        }
      }
      Arena arena = Arena.ofShared();
      try {
        return Optional.of(new Region(arena, arena.allocate(Math.max(1, length), 64), budgetInUse));
      } catch (RuntimeException | OutOfMemoryError e) {
        arena.close();
        budgetInUse.addAndGet(-length);
        return Optional.empty();
      }
    }

    MemorySegment segment() {
      return segment;
    }

    void close(long length) {
      if (closed.compareAndSet(false, true)) {
        segment.fill((byte) 0); // no plaintext left behind in freed native memory
        arena.close();
        budgetInUse.addAndGet(-length);
      }
    }
  }

  private final ByteBuffersIndexInput in;
  private final Region region;
  private final long regionLength;
  private final boolean isClone;

  /** Wraps {@code length} decrypted bytes at the start of {@code region}. */
  static DecryptedMemoryInput of(String description, Region region, long length) {
    List<ByteBuffer> buffers = new ArrayList<>();
    MemorySegment s = region.segment();
    for (long pos = 0; pos < length; pos += CHUNK) {
      buffers.add(s.asSlice(pos, Math.min(CHUNK, length - pos)).asByteBuffer());
    }
    if (buffers.isEmpty()) {
      buffers.add(ByteBuffer.allocate(0));
    }
    return new DecryptedMemoryInput(
        description,
        new ByteBuffersIndexInput(new ByteBuffersDataInput(buffers), description),
        region,
        length,
        false);
  }

  private DecryptedMemoryInput(
      String description,
      ByteBuffersIndexInput in,
      Region region,
      long regionLength,
      boolean isClone) {
    super(description);
    this.in = in;
    this.region = region;
    this.regionLength = regionLength;
    this.isClone = isClone;
  }

  @Override
  public void close() throws IOException {
    if (!isClone) {
      in.close();
      region.close(regionLength);
    }
  }

  @Override
  public long getFilePointer() {
    return in.getFilePointer();
  }

  @Override
  public void seek(long pos) throws IOException {
    in.seek(pos);
  }

  @Override
  public long length() {
    return in.length();
  }

  @Override
  public DecryptedMemoryInput clone() {
    return new DecryptedMemoryInput(
        toString(), (ByteBuffersIndexInput) in.clone(), region, regionLength, true);
  }

  @Override
  public IndexInput slice(String sliceDescription, long offset, long length) throws IOException {
    return new DecryptedMemoryInput(
        getFullSliceDescription(sliceDescription),
        in.slice(sliceDescription, offset, length),
        region,
        regionLength,
        true);
  }

  @Override
  public RandomAccessInput randomAccessSlice(long offset, long length) throws IOException {
    return in.randomAccessSlice(offset, length);
  }

  @Override
  public Optional<Boolean> isLoaded() {
    return Optional.of(Boolean.TRUE);
  }

  @Override
  public byte readByte() throws IOException {
    return in.readByte();
  }

  @Override
  public void readBytes(byte[] b, int offset, int len) throws IOException {
    in.readBytes(b, offset, len);
  }

  @Override
  public void readBytes(byte[] b, int offset, int len, boolean useBuffer) throws IOException {
    in.readBytes(b, offset, len, useBuffer);
  }

  @Override
  public short readShort() throws IOException {
    return in.readShort();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public int readVInt() throws IOException {
    return in.readVInt();
  }

  @Override
  public int readZInt() throws IOException {
    return in.readZInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public long readVLong() throws IOException {
    return in.readVLong();
  }

  @Override
  public long readZLong() throws IOException {
    return in.readZLong();
  }

  @Override
  public String readString() throws IOException {
    return in.readString();
  }

  @Override
  public Map<String, String> readMapOfStrings() throws IOException {
    return in.readMapOfStrings();
  }

  @Override
  public Set<String> readSetOfStrings() throws IOException {
    return in.readSetOfStrings();
  }

  @Override
  public void skipBytes(long numBytes) throws IOException {
    in.skipBytes(numBytes);
  }

  @Override
  public void readFloats(float[] floats, int offset, int len) throws IOException {
    in.readFloats(floats, offset, len);
  }

  @Override
  public void readLongs(long[] dst, int offset, int length) throws IOException {
    in.readLongs(dst, offset, length);
  }

  @Override
  public byte readByte(long pos) throws IOException {
    return in.readByte(pos);
  }

  @Override
  public void readBytes(long pos, byte[] bytes, int offset, int length) throws IOException {
    in.readBytes(pos, bytes, offset, length);
  }

  @Override
  public short readShort(long pos) throws IOException {
    return in.readShort(pos);
  }

  @Override
  public int readInt(long pos) throws IOException {
    return in.readInt(pos);
  }

  @Override
  public long readLong(long pos) throws IOException {
    return in.readLong(pos);
  }
}
