/**
 * Shared security: staff accounts with roles (agent, supervisor, admin; passwords hashed), who may reach which
 * API, and unguessable tokens (only their hashes kept) for customers' conversations.
 */
package dev.teller.server.security;
