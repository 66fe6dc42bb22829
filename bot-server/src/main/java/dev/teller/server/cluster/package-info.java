/**
 * What the nodes of a cluster tell each other. Every node works alone on the embedded default; with
 * {@code teller.redis.url} set, each publishes what changed (a conversation gained messages, a staff page should
 * refresh) on Redis pub/sub and the others pass it to their own live connections, so a customer on one node
 * and an agent on another talk in real time without sticky sessions. PostgreSQL stays the system of record:
 * a lost notice only delays a push, and when Redis comes back every node re-reads what its connections missed.
 */
package dev.teller.server.cluster;
