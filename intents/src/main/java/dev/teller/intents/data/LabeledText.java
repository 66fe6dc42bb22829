package dev.teller.intents.data;

/** A raw text with its label, as read from a CSV file or our YAML examples. */
public record LabeledText(String text, String label) {}
