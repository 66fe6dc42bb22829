package dev.teller.intents.classify;

import dev.teller.intents.text.Features;

/**
 * One message as the classifiers see it.
 *
 * @param features sparse n-gram features
 * @param embedding dense sentence vector, or null where a member does not use one
 */
public record Sample(Features features, float[] embedding) {}
