package org.meditwin.imaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decoded frames under a memory budget: an LRU of frames keyed by (object, frame) plus a small LRU
 * of opened objects, so that scrolling a multi-frame object does not re-read it. Thread-safe;
 * decoding happens outside the lock, and a frame being decoded by one thread is awaited by others.
 */
public final class FrameStore {
  private static final int OPEN_OBJECTS = 4;

  private final DicomReader reader;
  private final long budgetBytes;
  private final LinkedHashMap<Key, Frame> frames = new LinkedHashMap<>(64, 0.75f, true);
  private final LinkedHashMap<DicomSource, DicomObject> objects =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DicomSource, DicomObject> eldest) {
          return size() > OPEN_OBJECTS;
        }
      };
  private final ConcurrentHashMap<Key, Object> inFlight = new ConcurrentHashMap<>();
  private long usedBytes;
  private long hits;
  private long misses;

  private record Key(DicomSource source, int frame) {}

  /** Hits, misses, frames held and bytes held. */
  public record Stats(long hits, long misses, int frames, long bytes, long budgetBytes) {}

  public FrameStore(DicomReader reader, long budgetBytes) {
    this.reader = reader;
    this.budgetBytes = budgetBytes;
  }

  /** A budget of a quarter of the maximum heap, at least 64 MiB. */
  public static long defaultBudget() {
    return Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);
  }

  /**
   * The decoded frame (from the cache, or decoded now).
   *
   * @throws DicomReadException when the object or frame cannot be read
   */
  public Frame frame(DicomSource source, int index) {
    Key key = new Key(source, index);
    synchronized (this) {
      Frame cached = frames.get(key);
      if (cached != null) {
        hits++;
        return cached;
      }
      misses++;
    }
    Object lock = inFlight.computeIfAbsent(key, k -> new Object());
    synchronized (lock) {
      try {
        synchronized (this) {
          Frame cached = frames.get(key);
          if (cached != null) {
            return cached;
          }
        }
        Frame frame = object(source).frame(index);
        put(key, frame);
        return frame;
      } finally {
        inFlight.remove(key);
      }
    }
  }

  /** The opened object (kept among the last few opened). */
  public DicomObject object(DicomSource source) {
    synchronized (this) {
      DicomObject o = objects.get(source);
      if (o != null) {
        return o;
      }
    }
    DicomObject opened = reader.open(source);
    synchronized (this) {
      objects.put(source, opened);
    }
    return opened;
  }

  private synchronized void put(Key key, Frame frame) {
    long size = frame.bytes();
    if (size > budgetBytes) {
      return;
    }
    Frame previous = frames.put(key, frame);
    if (previous != null) {
      usedBytes -= previous.bytes();
    }
    usedBytes += size;
    var it = frames.entrySet().iterator();
    while (usedBytes > budgetBytes && it.hasNext()) {
      var eldest = it.next();
      if (eldest.getKey().equals(key)) {
        continue;
      }
      usedBytes -= eldest.getValue().bytes();
      it.remove();
    }
  }

  public synchronized Stats stats() {
    return new Stats(hits, misses, frames.size(), usedBytes, budgetBytes);
  }

  public synchronized void clear() {
    frames.clear();
    objects.clear();
    usedBytes = 0;
  }
}
