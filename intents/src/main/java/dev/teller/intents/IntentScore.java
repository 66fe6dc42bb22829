package dev.teller.intents;

/**
 * One candidate intent and how sure the model is of it.
 *
 * @param intent an intent name of the taxonomy (BANKING77's 77 names plus Teller's own, such as
 *     {@code request_human} and {@code out_of_scope})
 * @param confidence calibrated probability in [0, 1]
 */
public record IntentScore(String intent, double confidence) {}
