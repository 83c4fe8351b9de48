package org.meditwin.imaging.ai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript archive written without Python: the zip layout {@code torch.jit.save} produces
 * (data.pkl with the module object, code/__torch__.py with its forward, constants.pkl, version),
 * for a parameter-free module whose forward is given as TorchScript source.
 */
final class TorchScriptArchive {
  private TorchScriptArchive() {}

  /** Pickle (protocol 2) of an empty {@code __torch__.Model} object with training = False. */
  static byte[] dataPkl() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x80, 2}); // PROTO 2
    out.writeBytes("c__torch__\nModel\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
    out.write(')'); // EMPTY_TUPLE
    out.write(0x81); // NEWOBJ
    out.write('}'); // EMPTY_DICT
    out.write('('); // MARK
    byte[] key = "training".getBytes(StandardCharsets.UTF_8);
    out.write('X'); // BINUNICODE
    out.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
    out.writeBytes(key);
    out.write(0x89); // NEWFALSE
    out.write('u'); // SETITEMS
    out.write('b'); // BUILD
    out.write('.'); // STOP
    return out.toByteArray();
  }

  static byte[] write(String forwardBody) throws IOException {
    String code =
        "class Model(Module):\n"
            + "  __parameters__ = []\n"
            + "  __buffers__ = []\n"
            + "  training : bool\n"
            + "  def forward(self: __torch__.Model,\n"
            + "    x: Tensor) -> Tensor:\n"
            + "    return "
            + forwardBody
            + "\n";
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("archive/data.pkl", dataPkl());
    files.put("archive/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
    files.put("archive/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
    files.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        ZipEntry e = new ZipEntry(f.getKey());
        e.setMethod(ZipEntry.STORED);
        e.setSize(f.getValue().length);
        CRC32 crc = new CRC32();
        crc.update(f.getValue());
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(f.getValue());
        z.closeEntry();
      }
    }
    return zip.toByteArray();
  }
}
