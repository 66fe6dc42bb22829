/**
 * The optional language model, off by default ({@code teller.llm.enabled}): it rewords an article answer from
 * the retrieved articles only, citing them; writes an agent's handoff brief; and picks between intents the
 * classifier found too close (never for a fund-safety message). Everything sent is masked, everything received is checked
 * (card numbers and secrets, only the article ids supplied, a length cap, the customer's language, no leak of
 * its instructions, and for a rewording no figure or most of the wording outside the cited articles) and
 * anything refused, slow or failing falls back to the article's own text. A bound on calls in flight, timeouts,
 * retries with backoff, a circuit breaker and a token budget per conversation keep a bad provider from hurting
 * the chat; every outcome is counted in {@code teller_llm_calls_total{outcome}}.
 */
package dev.teller.server.llm;
