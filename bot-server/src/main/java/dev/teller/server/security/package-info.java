/** Shared security: conversation and staff tokens (only their hashes are kept), and who may use the admin API. */
package dev.teller.server.security;
