/**
 * Conversations: the dialogue policy that turns an understood message and knowledge-base hits into a reply,
 * and the stored record of every message, in order, once.
 */
package dev.teller.server.conversation;
