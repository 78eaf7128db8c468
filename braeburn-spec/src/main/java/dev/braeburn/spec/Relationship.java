package dev.braeburn.spec;

/**
 * A relationship of a resource type. {@code storage} is shared by versioned twins (an app's
 * {@code inAppPurchases} and {@code inAppPurchasesV2}); {@code inverse} is the storage name of the
 * relation on the target type that points back, or null when there is none.
 */
public record Relationship(
    String owner, String name, String target, boolean toMany, String storage, String inverse) {}
