package dev.teller.server.conversation;

import java.util.List;

/**
 * The {@code meta} of a customer message that was masked, and of the notice that says so.
 *
 * @param masked what was masked: {@code card}, {@code secret}, …
 */
public record MaskedMeta(List<String> masked) {}
