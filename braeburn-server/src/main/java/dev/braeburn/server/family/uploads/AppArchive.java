package dev.braeburn.server.family.uploads;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What processing reads from an uploaded .ipa: {@code Payload/<name>.app/Info.plist} (binary or XML
 * plist) and the app icon — the largest {@code AppIcon*.png} of the .app that ImageIO can decode
 * (Xcode "crushes" PNGs into a CgBI variant that it cannot; those are skipped). Apple validates the
 * Info.plist inside the binary, not the declared attributes (protocol.md §6.3).
 */
record AppArchive(String bundleId, String shortVersion, String version, String minimumOsVersion, String lsMinimumSystemVersion,
    Boolean usesNonExemptEncryption, Icon icon) {

  /** A decodable icon of the archive: its bytes, pixel size and file name. */
  record Icon(byte[] bytes, int width, int height, String name) {}

  /** Why an archive could not be read as an app. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  private static final Pattern INFO_PLIST = Pattern.compile("Payload/[^/]+\\.app/Info\\.plist");
  private static final Pattern APP_ICON = Pattern.compile("Payload/[^/]+\\.app/(AppIcon[^/]*\\.png)");
  private static final long MAX_ICON_BYTES = 8L * 1024 * 1024;
  /** Real Info.plist files are a few KB; the bound keeps a crafted archive from filling the heap (inferred). */
  private static final int MAX_PLIST_BYTES = 1024 * 1024;

  /** Reads the archive from {@code in} (spooled to a temporary file: a zip is read from its central directory). */
  static AppArchive read(InputStream in) throws Unreadable {
    Path temp = null;
    try {
      temp = Files.createTempFile("braeburn-upload-", ".ipa");
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      try (ZipFile zip = new ZipFile(temp.toFile())) {
        return read(zip);
      }
    } catch (java.util.zip.ZipException e) {
      throw new Unreadable("The file is not a valid .ipa (zip) archive.");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  private static AppArchive read(ZipFile zip) throws IOException, Unreadable {
    NSDictionary plist = null;
    Icon icon = null;
    for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
      ZipEntry entry = entries.nextElement();
      if (INFO_PLIST.matcher(entry.getName()).matches() && plist == null) {
        plist = parsePlist(zip, entry);
      }
      var iconMatch = APP_ICON.matcher(entry.getName());
      if (iconMatch.matches() && entry.getSize() <= MAX_ICON_BYTES) {
        Icon candidate = decodeIcon(zip, entry, iconMatch.group(1));
        if (candidate != null && (icon == null || candidate.width() * candidate.height() > icon.width() * icon.height())) {
          icon = candidate;
        }
      }
    }
    if (plist == null) {
      throw new Unreadable("The archive has no Payload/<name>.app/Info.plist.");
    }
    return new AppArchive(string(plist, "CFBundleIdentifier"), string(plist, "CFBundleShortVersionString"), string(plist, "CFBundleVersion"),
        string(plist, "MinimumOSVersion"), string(plist, "LSMinimumSystemVersion"), bool(plist, "ITSAppUsesNonExemptEncryption"), icon);
  }

  private static NSDictionary parsePlist(ZipFile zip, ZipEntry entry) throws IOException, Unreadable {
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readNBytes(MAX_PLIST_BYTES + 1); // the entry's declared size may lie (a zip bomb)
      if (bytes.length > MAX_PLIST_BYTES) {
        throw new Unreadable("The Info.plist is larger than " + MAX_PLIST_BYTES + " bytes.");
      }
      NSObject parsed = PropertyListParser.parse(bytes);
      if (parsed instanceof NSDictionary dict) {
        return dict;
      }
    } catch (IOException | Unreadable e) {
      throw e;
    } catch (Exception e) { // dd-plist throws checked parser exceptions of several kinds
      throw new Unreadable("The Info.plist cannot be read: " + e.getMessage());
    }
    throw new Unreadable("The Info.plist is not a dictionary.");
  }

  private static Icon decodeIcon(ZipFile zip, ZipEntry entry, String name) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readNBytes((int) MAX_ICON_BYTES + 1);
      if (bytes.length > MAX_ICON_BYTES) {
        return null; // larger than declared: not an icon to keep
      }
      BufferedImage image = ImageRendering.decode(bytes);
      return image == null ? null : new Icon(bytes, image.getWidth(), image.getHeight(), name);
    }
  }

  private static String string(NSDictionary plist, String key) {
    NSObject value = plist.objectForKey(key);
    return value == null ? null : value.toJavaObject().toString();
  }

  private static Boolean bool(NSDictionary plist, String key) {
    return plist.objectForKey(key) instanceof NSNumber n && n.type() == NSNumber.BOOLEAN ? n.boolValue() : null;
  }

  Optional<Icon> appIcon() {
    return Optional.ofNullable(icon);
  }
}
