package org.meditwin.dictation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own RIFF/WAVE reader: any PCM WAV (8/16/24/32-bit integer, 32/64-bit float, WAVE_FORMAT_
 * EXTENSIBLE, 1–8 channels, 4–192 kHz) becomes a 16 kHz mono 16-bit {@link AudioClip}. Corrupt,
 * unsupported (compressed, RF64) and too long files raise {@link AudioFormatException} with a
 * message a clinician can act on; nothing is ever partially returned.
 */
public final class WavFiles {
  private static final Logger LOG = LoggerFactory.getLogger(WavFiles.class);

  /** Longest accepted recording. A visit dictation is minutes long; an hour is a mistake. */
  public static final int MAX_SECONDS = 15 * 60;

  /** Largest accepted file (15 min of 192 kHz stereo 32-bit fits). */
  public static final long MAX_BYTES = 1L << 30;

  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_FLOAT = 3;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;

  private WavFiles() {}

  /** Reads and converts a WAV file. */
  public static AudioClip read(Path wav) throws IOException {
    long size;
    try {
      size = Files.size(wav);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(wav.toString(), null, "audio file not found");
    }
    if (size > MAX_BYTES) {
      throw new AudioFormatException(
          "audio file is too large (" + size / (1 << 20) + " MB; the limit is 1024 MB)");
    }
    try (InputStream in = Files.newInputStream(wav)) {
      return decode(in.readAllBytes());
    }
  }

  /** Decodes WAV bytes. */
  public static AudioClip decode(byte[] bytes) throws AudioFormatException {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12) {
      throw new AudioFormatException("not a WAV file: " + bytes.length + " bytes is too short");
    }
    String riff = fourCc(b, 0);
    if ("RF64".equals(riff) || "RIFX".equals(riff)) {
      throw new AudioFormatException(
          "unsupported WAV variant " + riff + "; export the recording as standard PCM WAV");
    }
    if (!"RIFF".equals(riff) || !"WAVE".equals(fourCc(b, 8))) {
      throw new AudioFormatException("not a WAV file (no RIFF/WAVE header)");
    }
    Format fmt = null;
    int dataOffset = -1;
    long dataLength = 0;
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      String id = fourCc(b, pos);
      long len = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if ("fmt ".equals(id)) {
        if (len < 16 || body + len > bytes.length) {
          throw new AudioFormatException("corrupt WAV file: format chunk is truncated");
        }
        fmt = Format.parse(b, body, (int) len);
      } else if ("data".equals(id)) {
        dataOffset = body;
        long available = bytes.length - (long) body;
        if (len > available) {
          // Streamed writers (espeak-ng --stdout, pipes) leave a placeholder length.
          LOG.debug(
              "WAV data chunk declares {} bytes, {} present; using what is present",
              len,
              available);
          len = available;
        }
        dataLength = len;
        break;
      }
      long next = body + len + (len & 1);
      if (next > bytes.length) {
        break;
      }
      pos = (int) next;
    }
    if (fmt == null) {
      throw new AudioFormatException("corrupt WAV file: no format chunk");
    }
    if (dataOffset < 0) {
      throw new AudioFormatException("corrupt WAV file: no audio data chunk");
    }
    fmt.validate();
    long frames = dataLength / fmt.blockAlign();
    if (frames > (long) MAX_SECONDS * fmt.sampleRate()) {
      throw new AudioFormatException(
          "recording is too long ("
              + frames / fmt.sampleRate() / 60
              + " min; the limit is "
              + MAX_SECONDS / 60
              + " min per dictation)");
    }
    float[] mono = fmt.toMono(b, dataOffset, (int) frames);
    float[] resampled = Resampler.resample(mono, fmt.sampleRate(), AudioClip.SAMPLE_RATE);
    short[] out = new short[resampled.length];
    for (int i = 0; i < out.length; i++) {
      float v = resampled[i] * 32768f;
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }
    return new AudioClip(out);
  }

  /** Encodes a clip as a 16 kHz mono 16-bit PCM WAV file. */
  public static byte[] encode(AudioClip clip) {
    short[] s = clip.samples();
    ByteBuffer b = ByteBuffer.allocate(44 + s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + s.length * 2);
    b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) FORMAT_PCM).putShort((short) 1).putInt(AudioClip.SAMPLE_RATE);
    b.putInt(AudioClip.SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(s.length * 2);
    for (short v : s) {
      b.putShort(v);
    }
    return b.array();
  }

  private static String fourCc(ByteBuffer b, int at) {
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      c[i] = (char) (b.get(at + i) & 0xFF);
    }
    return new String(c);
  }

  private record Format(int tag, int channels, int sampleRate, int blockAlign, int bits) {
    static Format parse(ByteBuffer b, int at, int len) throws AudioFormatException {
      int tag = Short.toUnsignedInt(b.getShort(at));
      int channels = Short.toUnsignedInt(b.getShort(at + 2));
      int rate = b.getInt(at + 4);
      int align = Short.toUnsignedInt(b.getShort(at + 12));
      int bits = Short.toUnsignedInt(b.getShort(at + 14));
      if (tag == FORMAT_EXTENSIBLE) {
        if (len < 40) {
          throw new AudioFormatException("corrupt WAV file: extensible format chunk is truncated");
        }
        tag = Short.toUnsignedInt(b.getShort(at + 24)); // first two bytes of the sub-format GUID
      }
      return new Format(tag, channels, rate, align, bits);
    }

    void validate() throws AudioFormatException {
      if (tag != FORMAT_PCM && tag != FORMAT_FLOAT) {
        throw new AudioFormatException(
            "unsupported WAV encoding (format tag "
                + tag
                + ", e.g. compressed audio); export the recording as PCM WAV");
      }
      if (channels < 1 || channels > 8) {
        throw new AudioFormatException("unsupported WAV file: " + channels + " channels");
      }
      if (sampleRate < 4_000 || sampleRate > 192_000) {
        throw new AudioFormatException("unsupported WAV sample rate: " + sampleRate + " Hz");
      }
      boolean ok =
          tag == FORMAT_PCM
              ? bits == 8 || bits == 16 || bits == 24 || bits == 32
              : bits == 32 || bits == 64;
      if (!ok) {
        throw new AudioFormatException(
            "unsupported WAV sample size: "
                + bits
                + "-bit "
                + (tag == FORMAT_PCM ? "PCM" : "float"));
      }
      if (blockAlign != channels * (bits / 8)) {
        throw new AudioFormatException("corrupt WAV file: block size does not match the format");
      }
    }

    float[] toMono(ByteBuffer b, int offset, int frames) {
      float[] out = new float[frames];
      int bytesPerSample = bits / 8;
      for (int f = 0; f < frames; f++) {
        double sum = 0;
        int base = offset + f * blockAlign;
        for (int c = 0; c < channels; c++) {
          sum += sample(b, base + c * bytesPerSample);
        }
        out[f] = (float) (sum / channels);
      }
      return out;
    }

    private double sample(ByteBuffer b, int at) {
      if (tag == FORMAT_FLOAT) {
        double v = bits == 32 ? b.getFloat(at) : b.getDouble(at);
        return Double.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
      }
      return switch (bits) {
        case 8 -> ((b.get(at) & 0xFF) - 128) / 128.0;
        case 16 -> b.getShort(at) / 32768.0;
        case 24 -> {
          int v = (b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8 | b.get(at + 2) << 16;
          yield v / 8388608.0;
        }
        default -> b.getInt(at) / 2147483648.0;
      };
    }
  }
}
