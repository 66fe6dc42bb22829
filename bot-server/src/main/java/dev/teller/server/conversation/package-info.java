/**
 * Conversations: the dialogue policy that turns an understood message and knowledge-base hits into a reply,
 * and the stored record of every message, in order, once.
 *
 * <p>A customer message goes through {@link dev.teller.server.conversation.Conversations#post}: checked (a replay of
 * one sent before, or a fresh one), read ({@code MessageReader}: masked, understood, searched), advised on by the
 * optional language model ({@code LanguageModelAdvice}: tie-break, rewording), then answered under the
 * conversation's lock ({@code ReplyPipeline}: the pending question it answers, else the {@code DialoguePolicy},
 * then the rewording; the escalation it makes, returning what that caused). What the bot says is in the message
 * bundle {@code messages/conversation} ({@link dev.teller.server.conversation.ConversationTexts}).
 */
package dev.teller.server.conversation;
