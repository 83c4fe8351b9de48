package org.meditwin.imaging.pixelmed;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ClinicalTrialsAttributes;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.meditwin.imaging.Anonymizer;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReadException.Reason;
import org.meditwin.imaging.DicomSource;

/**
 * PS3.15 Annex E Basic Application Level Confidentiality Profile through PixelMed's implementation
 * (remove or empty identifying attributes, remap UIDs consistently within one export, drop private
 * attributes and overlays' descriptions), then our replacement name and id, Patient Identity
 * Removed = YES and De-identification Method.
 */
public final class PixelMedAnonymizer implements Anonymizer {
  @Override
  public List<Path> export(List<DicomSource> sources, Path folder, String replacementName) {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(folder);
      ClinicalTrialsAttributes.flushMapOfUIDs();
      int n = 0;
      for (DicomSource source : sources) {
        AttributeList list = new AttributeList();
        try (InputStream in = source.open()) {
          list.read(new DicomInputStream(in));
        }
        String ts = Headers.transferSyntax(list, TransferSyntax.ExplicitVRLittleEndian);
        list.removeGroupLengthAttributes();
        list.removeMetaInformationHeaderAttributes();
        list.removePrivateAttributes();
        ClinicalTrialsAttributes.removeOrNullIdentifyingAttributes(
            list, ClinicalTrialsAttributes.HandleUIDs.remap, true, false);
        PersonNameAttribute name = new PersonNameAttribute(TagFromName.PatientName);
        name.addValue(replacementName);
        list.put(name);
        LongStringAttribute id = new LongStringAttribute(TagFromName.PatientID);
        id.addValue(replacementName);
        list.put(id);
        CodeStringAttribute removed = new CodeStringAttribute(TagFromName.PatientIdentityRemoved);
        removed.addValue("YES");
        list.put(removed);
        LongStringAttribute method = new LongStringAttribute(TagFromName.DeidentificationMethod);
        method.addValue("PS3.15 E.1 Basic Profile (MediTwin/PixelMed)");
        list.put(method);
        FileMetaInformation.addFileMetaInformation(list, ts, "MEDITWIN");
        Path out = folder.resolve(String.format("IM%05d.dcm", ++n));
        list.write(out.toFile(), ts, true, true);
        written.add(out);
      }
      return written;
    } catch (IOException | DicomException e) {
      throw new DicomReadException(
          Reason.IO, "cannot write the anonymised series: " + PixelMedReader.safe(e), e);
    }
  }
}
