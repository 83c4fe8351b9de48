package org.meditwin.imaging.pixelmed;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReadException.Reason;

/** The Referenced File IDs of a DICOMDIR's directory records, in record order. */
public final class DicomDirectoryRecords {
  private DicomDirectoryRecords() {}

  public static List<String> referencedFileIds(Path dicomdir) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(dicomdir))) {
      AttributeList list = new AttributeList();
      list.read(new DicomInputStream(in));
      Set<String> ids = new LinkedHashSet<>();
      for (AttributeList record : Headers.items(list, TagFromName.DirectoryRecordSequence)) {
        Attribute id = record.get(TagFromName.ReferencedFileID);
        if (id != null && id.getVM() > 0) {
          ids.add(String.join("/", id.getStringValues()));
        }
      }
      return new ArrayList<>(ids);
    } catch (EOFException e) {
      throw new DicomReadException(Reason.TRUNCATED, "the DICOMDIR is truncated", e);
    } catch (IOException | DicomException | RuntimeException e) {
      throw new DicomReadException(
          Reason.CORRUPT, "the DICOMDIR cannot be read: " + PixelMedReader.safe(e), e);
    }
  }
}
