/**
 * Events handled after their transaction commits: Spring Modulith's event publication registry (table
 * {@code event_publication}) keeps each publication for an {@code @ApplicationModuleListener} until that listener has
 * handled it, and a routine on the due-work scheduler hands again to its listener whatever a node left unhandled.
 * Which events are handled this way, and which in the publisher's transaction, is listed in docs/architecture.md.
 */
package dev.teller.server.events;
