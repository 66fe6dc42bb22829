/** Shared wiring: settings, the clock, and the intents module and knowledge base as beans. */
package dev.teller.server.config;
