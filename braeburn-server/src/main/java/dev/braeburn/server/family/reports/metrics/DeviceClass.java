package dev.braeburn.server.family.reports.metrics;

import java.util.List;
import java.util.Optional;

/**
 * The device classes power and performance datasets are broken down by ({@code
 * filterCriteria.device}, and the values of {@code filter[deviceType]}), with the usage model's
 * device each one covers and hardware identifiers that diagnostic logs name as {@code deviceType}.
 * The API serves the iOS platform only ({@code filter[platform]} allows {@code IOS}), so Macs,
 * Apple TVs and Apple Vision Pros are not classes. Identifiers and names are inferred.
 */
enum DeviceClass {
  IPHONE("iPhone", "all_iphones", "All iPhones", List.of("iPhone14,5", "iPhone15,2", "iPhone15,4", "iPhone16,1", "iPhone16,2", "iPhone17,1")),
  IPAD("iPad", "all_ipads", "All iPads", List.of("iPad13,1", "iPad13,18", "iPad14,3", "iPad14,8", "iPad16,3"));

  final String modelDevice;
  final String id;
  final String marketingName;
  final List<String> hardware;

  DeviceClass(String modelDevice, String id, String marketingName, List<String> hardware) {
    this.modelDevice = modelDevice;
    this.id = id;
    this.marketingName = marketingName;
    this.hardware = hardware;
  }

  static Optional<DeviceClass> byId(String id) {
    for (DeviceClass d : values()) {
      if (d.id.equals(id)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  static List<String> ids() {
    return java.util.Arrays.stream(values()).map(d -> d.id).toList();
  }
}
