package dev.braeburn.server.engine;

import dev.braeburn.spec.Operation;

/** A request matched to a spec operation; {@code id} is the path's {@code {id}} or null. */
public record Route(Operation operation, String id) {}
