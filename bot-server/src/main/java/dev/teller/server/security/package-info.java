/**
 * Shared security: staff accounts with roles (agent, supervisor, admin; passwords hashed and held to a rule), their
 * logins (failed ones slow an account down, then lock it), who may reach which API, and unguessable tokens (only
 * their hashes kept) for customers' conversations.
 */
package dev.teller.server.security;
