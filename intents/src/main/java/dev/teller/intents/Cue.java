package dev.teller.intents;

/**
 * A phrase in the message that signals something a complaint handler must know.
 *
 * @param kind what it signals, for example {@code fraud}, {@code stolen_card}, {@code regulator}
 * @param trigger the words of the message that matched, as the customer wrote them
 */
public record Cue(String kind, String trigger) {}
