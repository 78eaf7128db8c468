package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.BinaryPropertyListWriter;
import com.dd.plist.NSDictionary;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * What an uploader client (fastlane, asc clients) does for a build upload over real HTTP
 * (protocol.md §6.3): reserve, PUT the parts to the upload URLs without a JWT, commit with the MD5,
 * fetch icons from their template URLs; and the real .ipa it uploads. Shared by the suites that
 * upload builds.
 */
final class BuildUploads {
  static final long PART = 5_242_880L;

  private final TestServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  BuildUploads(TestServer server) {
    this.server = server;
  }

  // ---------------------------------------------------------------- API calls (with the server's first-start key)

  /** {@code POST /v1/buildUploads} for IOS; {@code app} null leaves out the relationship. */
  static String uploadBody(String app, String shortVersion, String version) {
    return "{\"data\":{\"type\":\"buildUploads\",\"attributes\":{\"cfBundleShortVersionString\":\"" + shortVersion + "\",\"cfBundleVersion\":\""
        + version + "\",\"platform\":\"IOS\"},\"relationships\":{"
        + (app != null ? "\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + app + "\"}}" : "") + "}}}";
  }

  /** {@code POST /v1/buildUploadFiles}: an .ipa of {@code size} bytes for {@code upload}. */
  static String fileBody(String upload, String fileName, long size) {
    return "{\"data\":{\"type\":\"buildUploadFiles\",\"attributes\":{\"fileName\":\"" + fileName + "\","
        + "\"fileSize\":" + size + ",\"uti\":\"com.apple.ipa\",\"assetType\":\"ASSET\"},\"relationships\":{\"buildUpload\":{\"data\":"
        + "{\"type\":\"buildUploads\",\"id\":\"" + upload + "\"}}}}}";
  }

  /** {@code PATCH /v1/buildUploadFiles/{id}}: the commit. */
  static String commitBody(String fileId, String hash, String algorithm) {
    return "{\"data\":{\"type\":\"buildUploadFiles\",\"id\":\"" + fileId + "\",\"attributes\":{\"uploaded\":true,"
        + "\"sourceFileChecksums\":{\"file\":{\"hash\":\"" + hash + "\",\"algorithm\":\"" + algorithm + "\"}}}}}";
  }

  String createUpload(String app, String shortVersion, String version) {
    TestServer.Reply r = server.send("POST", "/v1/buildUploads", uploadBody(app, shortVersion, version));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/data/id").asText();
  }

  JsonNode reserve(String upload, String fileName, long size) {
    TestServer.Reply r = server.send("POST", "/v1/buildUploadFiles", fileBody(upload, fileName, size));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("data");
  }

  JsonNode commit(String fileId, String hash, String algorithm) {
    TestServer.Reply r = server.send("PATCH", "/v1/buildUploadFiles/" + fileId, commitBody(fileId, hash, algorithm));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  // ---------------------------------------------------------------- raw HTTP (no JWT: the URL is the credential)

  /** Sends one upload operation as a client does: its method, its URL, its request headers, bytes [offset, offset+length). */
  HttpResponse<byte[]> putPart(JsonNode op, byte[] file) {
    return putPartAsync(op, file).join();
  }

  CompletableFuture<HttpResponse<byte[]>> putPartAsync(JsonNode op, byte[] file) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(op.path("url").asText()))
        .method(op.path("method").asText("PUT"), HttpRequest.BodyPublishers.ofByteArray(slice(file, op)));
    op.path("requestHeaders").forEach(h -> b.header(h.path("name").asText(), h.path("value").asText()));
    return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> put(String url, byte[] body) {
    return exchange(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  HttpResponse<byte[]> get(String url) {
    return exchange(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  private HttpResponse<byte[]> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An ImageAsset template ({@code …/{w}x{h}bb.{f}}) filled in, fetched and decoded with ImageIO. */
  BufferedImage image(String template, int w, int h, String format, String contentType) throws IOException {
    HttpResponse<byte[]> r = get(template.replace("{w}", String.valueOf(w)).replace("{h}", String.valueOf(h)).replace("{f}", format));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).isEqualTo(contentType);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
    assertThat(image).as("a decodable " + format).isNotNull();
    return image;
  }

  static byte[] slice(byte[] file, JsonNode op) {
    int offset = (int) op.path("offset").asLong();
    return Arrays.copyOfRange(file, offset, offset + (int) op.path("length").asLong());
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- a real .ipa

  /** Payload/Demo.app with an XML Info.plist, optionally a red AppIcon60x60@2x.png, and random padding past 5 MiB. */
  static byte[] ipa(String bundleId, String shortVersion, String version, boolean withIcon) throws IOException {
    return ipa("Demo", bundleId, shortVersion, version, withIcon, false);
  }

  /**
   * Payload/{@code name}.app with an Info.plist (binary, as Xcode writes it, or XML) carrying the
   * bundle identifier and versions, optionally red AppIcon60x60@2x.png (120×120) and AppIcon29x29.png,
   * and an incompressible executable that takes the archive past one 5 MiB part.
   */
  static byte[] ipa(String name, String bundleId, String shortVersion, String version, boolean withIcon, boolean binaryPlist) throws IOException {
    String app = "Payload/" + name + ".app/";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(app + "Info.plist"));
      zip.write(binaryPlist ? binaryInfoPlist(name, bundleId, shortVersion, version) : xmlInfoPlist(name, bundleId, shortVersion, version));
      zip.closeEntry();
      if (withIcon) {
        zip.putNextEntry(new ZipEntry(app + "AppIcon60x60@2x.png"));
        zip.write(icon(120));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(app + "AppIcon29x29.png"));
        zip.write(icon(29));
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry(app + name));
      byte[] padding = new byte[(int) PART + 300_000]; // random bytes do not compress: the archive needs two parts
      new Random(version.hashCode()).nextBytes(padding);
      zip.write(padding);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static byte[] xmlInfoPlist(String name, String bundleId, String shortVersion, String version) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        + "<plist version=\"1.0\"><dict>\n"
        + "<key>CFBundleIdentifier</key><string>" + bundleId + "</string>\n"
        + "<key>CFBundleShortVersionString</key><string>" + shortVersion + "</string>\n"
        + "<key>CFBundleVersion</key><string>" + version + "</string>\n"
        + "<key>CFBundleName</key><string>" + name + "</string>\n"
        + "<key>MinimumOSVersion</key><string>17.0</string>\n"
        + "</dict></plist>\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] binaryInfoPlist(String name, String bundleId, String shortVersion, String version) throws IOException {
    NSDictionary plist = new NSDictionary();
    plist.put("CFBundleIdentifier", bundleId);
    plist.put("CFBundleShortVersionString", shortVersion);
    plist.put("CFBundleVersion", version);
    plist.put("CFBundleName", name);
    plist.put("MinimumOSVersion", "17.0");
    return BinaryPropertyListWriter.writeToArray(plist);
  }

  /** A solid red PNG of {@code side}×{@code side}. */
  static byte[] icon(int side) throws IOException {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, side, side);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
