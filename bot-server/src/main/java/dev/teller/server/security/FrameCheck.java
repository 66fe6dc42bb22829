package dev.teller.server.security;

import tools.jackson.databind.JsonNode;

/**
 * The fields of a {@code /ws/chat} frame, checked before the frame is handled: each is of the type the protocol
 * gives it (a string; {@code clientMessageId} may also be a number, {@code lastSeq} is an integer) and fits where it
 * is stored. A frame that fails is refused with an error frame; before this check, an object where a string was
 * expected closed the connection as a server error (1011), and an overlong name was reported as storage being
 * unavailable.
 */
public final class FrameCheck {

    /** Why a frame is refused: the error frame's code and message. */
    public record Refusal(String code, String message) {}

    private FrameCheck() {}

    /** Null when the frame's fields can be used, else why not. */
    public static Refusal check(JsonNode frame) {
        for (String field : new String[] {"conversationId", "token", "language", "name", "text"}) {
            JsonNode v = frame.get(field);
            if (v != null && !v.isNull() && !v.isString()) {
                return new Refusal("missing_field", "\"" + field + "\" must be a string.");
            }
        }
        JsonNode clientId = frame.get("clientMessageId");
        if (clientId != null && !clientId.isNull() && !clientId.isString() && !clientId.isIntegralNumber()) {
            return new Refusal("missing_field", "\"clientMessageId\" must be a string.");
        }
        JsonNode lastSeq = frame.get("lastSeq");
        if (lastSeq != null && !lastSeq.isNull() && !(lastSeq.isIntegralNumber() && lastSeq.canConvertToLong())) {
            return new Refusal("missing_field", "\"lastSeq\" must be the last seq you received (an integer).");
        }
        if (frame.path("language").asString("").length() > 8) {
            return new Refusal("invalid_message", "\"language\" is a language code such as \"en\" or \"zh\".");
        }
        if (frame.path("name").asString("").length() > 200) {
            return new Refusal("invalid_message", "\"name\" is longer than 200 characters.");
        }
        return null;
    }
}
