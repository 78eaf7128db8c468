package dev.braeburn.server.family.uploads;

import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.jsonapi.ErrorWriter;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.UploadStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /_assets/{token}/{name}/{w}x{h}bb.{f}}: a stored image at the requested size as a
 * real PNG or JPEG, without a JWT (Apple serves these from its CDN). Decoded sources are cached:
 * they never change once stored.
 */
final class AssetImageRoute implements RequestHandler {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,9})x(\\d{1,9})bb\\.(png|jpg|jpeg)");
  private static final int CACHED_IMAGES = 64;
  /** Decoded sources may be up to {@link ImageRendering#MAX_SOURCE_PIXELS}; the cache holds at most this many pixels (~256 MB). */
  private static final long CACHED_PIXELS = 64_000_000L;

  private final Store store;
  private final ErrorWriter errors;
  private final Map<String, BufferedImage> decoded = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, BufferedImage> eldest) {
      long pixels = values().stream().mapToLong(i -> (long) i.getWidth() * i.getHeight()).sum();
      return size() > CACHED_IMAGES || (size() > 1 && pixels > CACHED_PIXELS);
    }
  });

  AssetImageRoute(Store store, ErrorWriter errors) {
    this.store = store;
    this.errors = errors;
  }

  @Override
  public ApiResponse handle(ApiRequest req) {
    if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
      return errors.render(List.of(Errors.methodNotAllowed(req.method(), req.path())));
    }
    String[] segments = req.path().substring(AssetImages.PREFIX.length()).split("/");
    if (segments.length < 2) {
      return UploadErrors.render(errors, UploadErrors.unknownUrl(req.path()));
    }
    String token = segments[0];
    BufferedImage source = source(token);
    if (source == null) {
      return UploadErrors.render(errors, UploadErrors.unknownUrl(req.path()));
    }
    String spec = segments[segments.length - 1];
    Matcher m = SIZE.matcher(spec);
    if (!m.matches()) {
      return UploadErrors.render(errors, UploadErrors.badImageSize(spec));
    }
    int width = Integer.parseInt(m.group(1));
    int height = Integer.parseInt(m.group(2));
    if (width < 1 || height < 1 || width > ImageRendering.MAX_SIDE || height > ImageRendering.MAX_SIDE) {
      return UploadErrors.render(errors, UploadErrors.badImageSize(spec));
    }
    String format = m.group(3);
    byte[] image = ImageRendering.render(source, width, height, format);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", format.equals("png") ? "image/png" : "image/jpeg");
    headers.put("Cache-Control", "public, max-age=31536000, immutable");
    return new ApiResponse(200, headers, image);
  }

  private BufferedImage source(String token) {
    BufferedImage cached = decoded.get(token);
    if (cached != null) {
      return cached;
    }
    Optional<byte[]> bytes = store.read("", tx -> store.uploads().byToken(tx, token)
        .filter(f -> f.purpose().equals(UploadStore.IMAGE))
        .map(f -> readAll(store.uploads().open(tx, f.token()))));
    BufferedImage image = bytes.map(ImageRendering::decode).orElse(null);
    if (image != null) {
      decoded.put(token, image);
    }
    return image;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
