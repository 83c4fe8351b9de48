package org.meditwin.imaging.pixelmed;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReadException.Reason;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.ReadLimits;

/** {@link DicomReader} on PixelMed; the only place that sees PixelMed's types (ADR 0120). */
public final class PixelMedReader implements DicomReader {
  private final ReadLimits limits;
  private final GdcmFallback fallback;

  public PixelMedReader(ReadLimits limits) {
    this.limits = limits;
    this.fallback = GdcmFallback.detect();
  }

  @Override
  public Optional<String> fallbackDecoder() {
    return fallback.description();
  }

  @Override
  public DicomInfo readInfo(DicomSource source) {
    Parsed parsed = parse(source, true);
    try {
      return Headers.info(parsed.list, parsed.transferSyntax, true);
    } catch (DicomException | RuntimeException e) {
      throw new DicomReadException(Reason.CORRUPT, "unreadable image attributes", e);
    }
  }

  @Override
  public DicomObject open(DicomSource source) {
    Parsed parsed = parse(source, false);
    DicomInfo info;
    try {
      info = Headers.info(parsed.list, parsed.transferSyntax, true);
    } catch (DicomException | RuntimeException e) {
      throw new DicomReadException(Reason.CORRUPT, "unreadable image attributes", e);
    }
    info.image().ifPresent(this::checkBudget);
    return new PixelMedObject(source, parsed.list, info, fallback);
  }

  private void checkBudget(ImageDescription image) {
    long bytes = image.decodedFrameBytes() * image.frames();
    if (bytes > limits.maxPixelBytes()) {
      throw new DicomReadException(
          Reason.TOO_LARGE,
          "image of "
              + image.columns()
              + " x "
              + image.rows()
              + " x "
              + image.frames()
              + " frames needs "
              + (bytes >> 20)
              + " MiB decoded, above the limit of "
              + (limits.maxPixelBytes() >> 20)
              + " MiB");
    }
  }

  private record Parsed(AttributeList list, String transferSyntax) {}

  private Parsed parse(DicomSource source, boolean headerOnly) {
    long size;
    try {
      size = source.size();
    } catch (IOException e) {
      throw new DicomReadException(Reason.IO, "cannot read the file: " + e.getMessage(), e);
    }
    if (size > limits.maxFileBytes()) {
      throw new DicomReadException(
          Reason.TOO_LARGE,
          "file of "
              + (size >> 20)
              + " MiB is above the limit of "
              + (limits.maxFileBytes() >> 20)
              + " MiB");
    }
    try (InputStream raw = source.open()) {
      Preamble.check(raw);
      DicomInputStream in = new DicomInputStream(raw);
      AttributeList list = new AttributeList();
      list.setDecompressPixelData(false);
      if (headerOnly) {
        list.read(in, TagFromName.PixelData);
      } else {
        list.read(in);
      }
      String ts = Headers.transferSyntax(list, in.getTransferSyntaxToReadDataSet().getUID());
      if (!new com.pixelmed.dicom.TransferSyntax(ts).isRecognized()) {
        throw new DicomReadException(
            Reason.UNSUPPORTED_TRANSFER_SYNTAX,
            "unknown transfer syntax " + ts.replaceAll("[^0-9.]", ""));
      }
      if (list.isEmpty()
          || (!in.haveMetaHeader()
              && list.get(TagFromName.SOPClassUID) == null
              && list.get(TagFromName.Rows) == null)) {
        throw new DicomReadException(Reason.NOT_DICOM, "no DICOM data set found");
      }
      return new Parsed(list, ts);
    } catch (DicomReadException e) {
      throw e;
    } catch (EOFException e) {
      throw new DicomReadException(
          Reason.TRUNCATED, "the file ends in the middle of the data set", e);
    } catch (IOException e) {
      throw classify(e);
    } catch (DicomException e) {
      throw new DicomReadException(Reason.CORRUPT, "not a valid DICOM data set: " + safe(e), e);
    } catch (OutOfMemoryError e) {
      // a corrupt length field asked for an impossible allocation; nothing was kept
      throw new DicomReadException(
          Reason.CORRUPT, "a length field is larger than the file (corrupt data set)");
    } catch (RuntimeException e) {
      throw new DicomReadException(
          Reason.CORRUPT, "corrupt data set (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static DicomReadException classify(IOException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("EOF") || m.contains("end of") || m.contains("premature")) {
      return new DicomReadException(
          Reason.TRUNCATED, "the file ends in the middle of the data set", e);
    }
    if (m.contains("Unrecognized")
        || m.contains("not supported")
        || m.contains("transfer syntax")) {
      return new DicomReadException(
          Reason.UNSUPPORTED_TRANSFER_SYNTAX, "unknown transfer syntax", e);
    }
    return new DicomReadException(Reason.IO, "cannot read the data set: " + safe(e), e);
  }

  /** Exception text from PixelMed is about structure, not values; still cut it short. */
  static String safe(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll("[\\r\\n]+", " ");
    return m.length() > 160 ? m.substring(0, 160) + "…" : m;
  }
}
