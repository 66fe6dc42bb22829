package dev.teller.intents;

import java.math.BigDecimal;

/**
 * A sum of money mentioned in a message.
 *
 * @param amount the number, for example 2500 for "£2,500" or "两千五百元"
 * @param currency ISO 4217 code when the message says it (GBP, USD, EUR, CNY, ...), else null
 * @param trigger the words of the message that gave it
 */
public record Money(BigDecimal amount, String currency, String trigger) {}
