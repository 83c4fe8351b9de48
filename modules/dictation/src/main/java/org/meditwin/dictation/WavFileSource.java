package org.meditwin.dictation;

/** An {@link AudioSource} over an already decoded WAV file. */
final class WavFileSource implements AudioSource {
  private final short[] samples;
  private int position;

  WavFileSource(AudioClip clip) {
    this.samples = clip.samples();
  }

  @Override
  public int read(short[] buffer) {
    if (position >= samples.length) {
      return -1;
    }
    int n = Math.min(buffer.length, samples.length - position);
    System.arraycopy(samples, position, buffer, 0, n);
    position += n;
    return n;
  }

  @Override
  public String description() {
    return "WAV file";
  }

  @Override
  public void close() {
    position = samples.length;
  }
}
