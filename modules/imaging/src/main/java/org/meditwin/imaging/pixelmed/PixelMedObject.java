package org.meditwin.imaging.pixelmed;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CompressedFrameDecoder;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.meditwin.imaging.DicomAttribute;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReadException.Reason;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An opened object; frames are decoded on request from the (possibly compressed) pixel data. */
final class PixelMedObject implements DicomObject {
  private static final Logger LOG = LoggerFactory.getLogger(PixelMedObject.class);

  private final DicomSource source;
  private final AttributeList list;
  private final DicomInfo info;
  private final GdcmFallback fallback;
  private CompressedFrameDecoder decoder;
  private AttributeList transcoded;

  PixelMedObject(DicomSource source, AttributeList list, DicomInfo info, GdcmFallback fallback) {
    this.source = source;
    this.list = list;
    this.info = info;
    this.fallback = fallback;
  }

  @Override
  public DicomInfo info() {
    return info;
  }

  @Override
  public List<DicomAttribute> attributes() {
    List<DicomAttribute> out = new ArrayList<>();
    flatten(list, 0, out);
    return out;
  }

  private static void flatten(AttributeList list, int depth, List<DicomAttribute> out) {
    DicomDictionary dictionary = AttributeList.getDictionary();
    for (Attribute a : list.values()) {
      AttributeTag tag = a.getTag();
      String keyword = dictionary.getNameFromTag(tag);
      String vr = ValueRepresentation.getAsString(a.getVR());
      String tagText = String.format("(%04X,%04X)", tag.getGroup(), tag.getElement());
      if (a instanceof SequenceAttribute sequence) {
        out.add(
            new DicomAttribute(
                tagText,
                keyword == null ? "" : keyword,
                "SQ",
                sequence.getNumberOfItems() + " item(s)",
                depth));
        Iterator<SequenceItem> it = sequence.iterator();
        while (it.hasNext()) {
          flatten(it.next().getAttributeList(), depth + 1, out);
        }
        continue;
      }
      String value;
      if (tag.equals(TagFromName.PixelData)
          || "OB".equals(vr)
          || "OW".equals(vr)
          || "OF".equals(vr)
          || "OD".equals(vr)
          || "OL".equals(vr)
          || "UN".equals(vr)) {
        value = "[" + a.getVL() + " bytes]";
      } else {
        value = a.getDelimitedStringValuesOrEmptyString();
        if (value.length() > 256) {
          value = value.substring(0, 256) + "…";
        }
      }
      out.add(new DicomAttribute(tagText, keyword == null ? "" : keyword, vr, value, depth));
    }
  }

  @Override
  public synchronized Frame frame(int index) {
    ImageDescription image =
        info.image()
            .orElseThrow(
                () -> new DicomReadException(Reason.NO_PIXEL_DATA, "the object has no image"));
    if (index < 0 || index >= image.frames()) {
      throw new IllegalArgumentException(
          "frame " + (index + 1) + " is outside 1.." + image.frames());
    }
    Attribute pixels = list.get(TagFromName.PixelData);
    if (pixels == null) {
      if (list.get(TagFromName.FloatPixelData) != null
          || list.get(TagFromName.DoubleFloatPixelData) != null) {
        throw new DicomReadException(
            Reason.UNSUPPORTED_TRANSFER_SYNTAX, "floating-point pixel data is not supported");
      }
      if (PixelDataTag.presentIn(source)) {
        throw new DicomReadException(
            Reason.TRUNCATED, "the file ends inside the Pixel Data (truncated file)");
      }
      throw new DicomReadException(
          Reason.NO_PIXEL_DATA, "the header describes an image but the file has no Pixel Data");
    }
    try {
      if (transcoded != null) {
        return fromTranscoded(index);
      }
      TransferSyntax ts = new TransferSyntax(info.transferSyntax());
      if (pixels instanceof OtherByteAttributeMultipleCompressedFrames compressed
          || (ts.isRecognized() && ts.isEncapsulated())) {
        return compressedFrame(image, pixels, index);
      }
      return NativePixels.frame(image, pixels, index, ts.isRecognized() && ts.isBigEndian());
    } catch (DicomReadException e) {
      throw e;
    } catch (OutOfMemoryError e) {
      throw new DicomReadException(Reason.TOO_LARGE, "not enough memory to decode this frame");
    } catch (DicomException | IOException | RuntimeException e) {
      throw new DicomReadException(
          Reason.CORRUPT, "pixel data cannot be decoded: " + PixelMedReader.safe(e), e);
    }
  }

  private Frame compressedFrame(ImageDescription image, Attribute pixels, int index)
      throws DicomException, IOException {
    if (!(pixels instanceof OtherByteAttributeMultipleCompressedFrames compressed)) {
      throw new DicomReadException(Reason.CORRUPT, "encapsulated pixel data without fragments");
    }
    if (PixelMedCodecs.RLE.equals(info.transferSyntax())
        && !PixelMedCodecs.decodes(info.transferSyntax(), image)) {
      byte[][] frames = compressed.getFrames();
      if (frames == null || frames.length <= index) {
        throw new DicomReadException(
            Reason.CORRUPT, "the pixel data has fewer frames than Number of Frames");
      }
      return RleDecoder.decode(image, frames[index]);
    }
    if (!PixelMedCodecs.decodes(info.transferSyntax(), image)) {
      return viaFallback(index, PixelMedCodecs.whyNot(info.transferSyntax(), image));
    }
    BufferedImage decoded;
    try {
      if (decoder == null) {
        byte[][] frames = compressed.getFrames();
        if (frames == null || frames.length <= index) {
          throw new DicomReadException(
              Reason.CORRUPT, "the pixel data has fewer frames than Number of Frames");
        }
        ColorSpace cs =
            image.samplesPerPixel() == 3
                ? ColorSpace.getInstance(ColorSpace.CS_sRGB)
                : ColorSpace.getInstance(ColorSpace.CS_GRAY);
        decoder =
            new CompressedFrameDecoder(
                info.transferSyntax(),
                frames,
                image.bitsAllocated() > 8 ? 2 : 1,
                image.columns(),
                image.rows(),
                image.samplesPerPixel(),
                cs,
                image.photometric().startsWith("YBR"));
      }
      decoded = decoder.getDecompressedFrameAsBufferedImage(index);
    } catch (DicomException | IOException | RuntimeException e) {
      if (fallback.available()) {
        LOG.atInfo()
            .setMessage("PixelMed could not decode a frame; trying GDCM")
            .addKeyValue("event", "imaging.decode.fallback")
            .addKeyValue("transferSyntax", info.transferSyntax())
            .log();
        return viaFallback(index, "PixelMed: " + PixelMedReader.safe(e));
      }
      throw new DicomReadException(
          Reason.UNSUPPORTED_TRANSFER_SYNTAX,
          "cannot decode "
              + describe(info.transferSyntax())
              + " ("
              + PixelMedReader.safe(e)
              + ") and GDCM (gdcmconv) is not installed",
          e);
    }
    if (decoded == null) {
      throw new DicomReadException(Reason.CORRUPT, "the frame decoded to nothing");
    }
    String photometric = image.photometric();
    if (image.samplesPerPixel() == 3 && decoder.getColorSpaceConvertedToRGBDuringDecompression()) {
      photometric = "RGB";
    }
    return fromRaster(image, decoded, photometric);
  }

  static Frame fromRaster(ImageDescription image, BufferedImage decoded, String photometric) {
    Raster raster = decoded.getRaster();
    int w = raster.getWidth();
    int h = raster.getHeight();
    int bands = raster.getNumBands();
    if (w != image.columns() || h != image.rows()) {
      throw new DicomReadException(
          Reason.CORRUPT,
          "decoded frame is "
              + w
              + " x "
              + h
              + ", header says "
              + image.columns()
              + " x "
              + image.rows());
    }
    int[] values = raster.getPixels(0, 0, w, h, (int[]) null);
    int samples = image.samplesPerPixel();
    if (bands != samples) {
      if (bands == 1 && samples == 3) {
        int[] rgb = new int[w * h * 3];
        for (int i = 0; i < w * h; i++) {
          rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = values[i];
        }
        values = rgb;
      } else {
        throw new DicomReadException(Reason.CORRUPT, "decoded frame has " + bands + " bands");
      }
    }
    if (samples == 1) {
      NativePixels.normalise(values, image);
    }
    return new Frame(w, h, samples, photometric, values);
  }

  private Frame viaFallback(int index, String why) throws DicomException, IOException {
    if (!fallback.available()) {
      throw new DicomReadException(
          Reason.UNSUPPORTED_TRANSFER_SYNTAX,
          describe(info.transferSyntax())
              + " needs GDCM ("
              + why
              + "); install Debian's libgdcm-tools");
    }
    transcoded = fallback.transcode(source);
    return fromTranscoded(index);
  }

  private Frame fromTranscoded(int index) throws DicomException {
    ImageDescription converted =
        Headers.image(transcoded)
            .orElseThrow(() -> new DicomReadException(Reason.CORRUPT, "GDCM produced no image"));
    Attribute pixels = transcoded.get(TagFromName.PixelData);
    if (pixels == null) {
      throw new DicomReadException(Reason.CORRUPT, "GDCM produced no pixel data");
    }
    return NativePixels.frame(converted, pixels, index);
  }

  static String describe(String transferSyntax) {
    String name = Headers.transferSyntaxName(transferSyntax);
    return name.isEmpty() ? "transfer syntax " + transferSyntax : name;
  }
}
