package org.meditwin.dictation;

import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/** Captures the default microphone at 16 kHz mono 16-bit little-endian. */
final class MicrophoneSource implements AudioSource {
  /** The capture format; Java Sound converts when the device allows it. */
  static final AudioFormat FORMAT = new AudioFormat(AudioClip.SAMPLE_RATE, 16, 1, true, false);

  private final TargetDataLine line;
  private byte[] bytes = new byte[0];
  private volatile boolean closed;

  private MicrophoneSource(TargetDataLine line) {
    this.line = line;
  }

  /** Opens and starts the default capture line. */
  static MicrophoneSource open() throws AudioUnavailableException {
    DataLine.Info info = new DataLine.Info(TargetDataLine.class, FORMAT);
    try {
      if (!AudioSystem.isLineSupported(info)) {
        throw new AudioUnavailableException(
            "No microphone is available (no capture device supports 16 kHz mono 16-bit audio)."
                + " Connect a microphone or import a WAV file instead.",
            null);
      }
      TargetDataLine line = (TargetDataLine) AudioSystem.getLine(info);
      line.open(FORMAT);
      line.start();
      return new MicrophoneSource(line);
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      throw new AudioUnavailableException(
          "The microphone cannot be opened ("
              + e.getMessage()
              + "). Check that it is connected and not used by another program, or import a WAV"
              + " file instead.",
          e);
    }
  }

  @Override
  public int read(short[] buffer) throws IOException {
    if (closed) {
      return -1;
    }
    if (bytes.length < buffer.length * 2) {
      bytes = new byte[buffer.length * 2];
    }
    int n = line.read(bytes, 0, buffer.length * 2);
    if (n <= 0) {
      return closed ? -1 : 0;
    }
    for (int i = 0; i < n / 2; i++) {
      buffer[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
    }
    return n / 2;
  }

  @Override
  public String description() {
    return "microphone";
  }

  /** Stops capture; a blocked {@link #read} returns what it has, then -1. */
  @Override
  public void close() {
    closed = true;
    line.stop();
    line.close();
  }
}
