package dev.braeburn.server.family.uploads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.UploadStore;
import java.time.Instant;

/**
 * Images Braeburn serves as Apple's CDN would: stored once per asset (an app icon, a screenshot)
 * under a token, and offered as an {@code ImageAsset} whose {@code templateUrl} ends in {@code
 * {w}x{h}bb.{f}} (protocol.md §6.2, §7.1); {@link AssetImageRoute} renders any requested size.
 */
final class AssetImages {
  static final String PREFIX = "/_assets/";

  private final UploadStore uploads;
  private final ObjectMapper mapper;

  AssetImages(UploadStore uploads, ObjectMapper mapper) {
    this.uploads = uploads;
    this.mapper = mapper;
  }

  /**
   * Stores {@code imageBytes} (readable by ImageIO, {@code width}×{@code height}) for an asset and
   * returns its ImageAsset. {@code name} becomes a path segment, as Apple's URLs carry the file name.
   */
  ObjectNode publish(StoreTx tx, String assetType, String assetId, byte[] imageBytes, int width, int height, String name, String baseUrl) {
    String token = Tokens.random();
    uploads.create(tx, new UploadStore.StoredFile(token, tx.teamId(), UploadStore.IMAGE, assetType, assetId, imageBytes.length,
        Math.max(1, imageBytes.length), Instant.ofEpochMilli(Long.MAX_VALUE / 2), true));
    uploads.putPart(tx, token, 1, imageBytes, Tokens.md5Hex(imageBytes));
    ObjectNode asset = mapper.createObjectNode();
    asset.put("templateUrl", baseUrl + PREFIX + token + "/" + safeName(name) + "/{w}x{h}bb.{f}");
    asset.put("width", width);
    asset.put("height", height);
    return asset;
  }

  private static String safeName(String name) {
    String safe = name == null ? "" : name.replaceAll("[^A-Za-z0-9._@-]", "_");
    return safe.isEmpty() ? "image.png" : safe;
  }
}
