/**
 * The knowledge base as the server publishes it: reading articles, and the audited admin API that creates,
 * updates and retires them, live; and
 * canned answers for agents, taken from the articles' short answers.
 */
package dev.teller.server.knowledge;
