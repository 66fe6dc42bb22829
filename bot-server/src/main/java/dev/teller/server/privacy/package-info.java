/** What must never be stored, logged or sent on: card numbers and secrets are masked on arrival. */
package dev.teller.server.privacy;
