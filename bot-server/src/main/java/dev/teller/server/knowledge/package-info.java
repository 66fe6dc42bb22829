/**
 * The knowledge base as the server publishes it: reading articles, and the audited admin API that creates,
 * updates and retires them, live.
 */
package dev.teller.server.knowledge;
