/**
 * Closing the loop after a complaint: NPS questions on day 3, 7 and 30 after resolution (in the conversation and
 * through the outbox for SMS or e-mail), their answers, the NPS, and customers to win back.
 */
package dev.teller.server.followup;
