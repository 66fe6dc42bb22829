package dev.teller.server.conversation;

import dev.teller.server.config.TellerProperties;
import dev.teller.server.conversation.internal.ConversationStore;
import dev.teller.server.conversation.internal.LanguageModelAdvice;
import dev.teller.server.conversation.internal.MessageRate;
import dev.teller.server.conversation.internal.MessageReader;
import dev.teller.server.conversation.internal.ReplyPipeline;
import dev.teller.server.security.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Conversations: starting one, taking a customer message (masked, stored once per client message id, in
 * order) and replying through the dialogue policy, and reading messages back after a sequence number.
 */
@Service
public class Conversations {

    /** Messages returned by one read at most; read again after the last seq for more. */
    public static final int PAGE = 500;

    /** A new conversation and the token that opens it (shown once; only its hash is stored). */
    public record Started(UUID conversationId, String token) {}

    /** Who is in a conversation, as they gave it. */
    public record Customer(String name, String contact, String channel, String language) {}

    private final ConversationStore store;
    private final MessageReader reader;
    private final LanguageModelAdvice advice;
    private final ReplyPipeline replies;
    private final EscalationEffects effects;
    private final ConversationTexts texts;
    private final TellerProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final MessageRate rate;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate reading;
    private final TransactionTemplate writing;

    Conversations(
            ConversationStore store,
            MessageReader reader,
            LanguageModelAdvice advice,
            ReplyPipeline replies,
            EscalationEffects effects,
            ConversationTexts texts,
            TellerProperties properties,
            Clock clock,
            MeterRegistry meters,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        // Plain reads on one borrowed connection, without BEGIN and COMMIT: the write checks what they saw.
        this.reading = new TransactionTemplate(transactions);
        this.reading.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
        this.writing = new TransactionTemplate(transactions);
        this.store = store;
        this.reader = reader;
        this.advice = advice;
        this.replies = replies;
        this.effects = effects;
        this.texts = texts;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.events = events;
        this.rate = new MessageRate(properties.maxMessagesPerSecond());
    }

    @Transactional
    public Started start(String language, String channel, String name, String contact) {
        UUID id = UUID.randomUUID();
        String token = Tokens.newToken();
        store.create(
                id, Tokens.hash(token), language, channel == null ? "rest" : channel, name, contact, clock.instant());
        return new Started(id, token);
    }

    /**
     * Takes a customer message and returns what it caused: the stored (masked) customer message and the
     * replies. Sending the same client message id again returns the same messages and stores nothing.
     *
     * <p>The costly part (understanding, search, and the optional language model's tie-break and rewording) runs
     * outside any transaction, between a few plain reads and a short locked write ({@link ReplyPipeline}), so that a
     * database connection is held for milliseconds, not for the whole reply (nor for a provider's second), and a busy
     * server queues customers for its processors rather than for its connections. Should another message of the
     * same conversation be stored in between, the message is read again under the lock and answered without the
     * language model.
     */
    public List<ChatMessage> post(UUID id, String token, String text, String clientMessageId) {
        Posted checked = reading.execute(tx -> check(id, token, text, clientMessageId));
        return switch (checked) {
            case Posted.Replay replay -> replay.messages();
            case Posted.Fresh fresh -> {
                MessageReader.Read read = reader.read(text, fresh.recent());
                LanguageModelAdvice.Advice advised = advice.advise(id, read, fresh.state());
                yield writing.execute(tx -> replies.reply(id, token, text, clientMessageId, read, advised));
            }
        };
    }

    /**
     * Checks a message before it is read: the token opens the conversation, the text can be stored, the message was
     * not sent before (else what it caused is replayed) and the conversation is within its rate.
     */
    private Posted check(UUID id, String token, String text, String clientMessageId) {
        // An id longer than any stored one (refused just below) cannot have been sent before.
        ConversationStore.Recent recent =
                store.recent(id, clientMessageId != null && clientMessageId.length() > 100 ? null : clientMessageId);
        if (recent.tokenHash().filter(h -> Tokens.matches(h, token)).isEmpty()) {
            throw new ConversationNotFound();
        }
        validate(text, clientMessageId);
        if (recent.sentBefore().isPresent()) {
            return new Posted.Replay(store.caused(id, recent.sentBefore().get()));
        }
        if (!rate.allow(id, clock.millis())) {
            throw new TooManyMessages(rate.perSecond());
        }
        // The state only serves to guess whether the reply will be an article answer worth rewording.
        return new Posted.Fresh(recent, advice.mayReword() ? store.peek(id).orElse(null) : null);
    }

    private void validate(String text, String clientMessageId) {
        if (text == null || text.isBlank()) {
            throw new InvalidMessage(texts.english("refused.empty"));
        }
        if (nothingToRead(text)) {
            throw new InvalidMessage(texts.english("refused.nothing-to-read"));
        }
        if (text.length() > properties.maxMessageChars()) {
            throw new InvalidMessage(texts.english(
                    "refused.too-long", String.valueOf(text.length()), String.valueOf(properties.maxMessageChars())));
        }
        if (clientMessageId != null && clientMessageId.length() > 100) {
            throw new InvalidMessage(texts.english("refused.client-message-id"));
        }
    }

    /**
     * Whether a message holds nothing a person could read: white space, control and format characters (zero-width
     * spaces and joiners, direction marks) and U+FFFD, what a NUL or a broken character became on its way in.
     */
    static boolean nothingToRead(String text) {
        return text.codePoints()
                .allMatch(cp -> Character.isWhitespace(cp)
                        || Character.isSpaceChar(cp)
                        || cp == 0xFFFD
                        || Character.getType(cp) == Character.CONTROL
                        || Character.getType(cp) == Character.FORMAT);
    }

    /** Who is in the conversation, as they gave it when it started. */
    @Transactional(readOnly = true)
    public Customer customer(UUID id) {
        return store.customer(id).orElseThrow(ConversationNotFound::new);
    }

    /** When the customer last wrote in the conversation; empty when they never did. */
    @Transactional(readOnly = true)
    public Optional<Instant> lastHeardFrom(UUID id) {
        return store.lastCustomerMessageAt(id);
    }

    /**
     * Adds a message from the bot, an agent or the system (not the customer) to the conversation, in order,
     * and returns it as stored. The text must already be safe to show: it is not masked again.
     */
    @Transactional
    public ChatMessage say(UUID id, String from, String text, Map<String, Object> meta) {
        if (from.equals("customer")) {
            throw new IllegalArgumentException("customer messages come through post()");
        }
        store.lock(id).orElseThrow(ConversationNotFound::new);
        meters.counter("teller.messages", "from", from).increment();
        ChatMessage m = store.append(id, from, text, meta, null, clock.instant());
        effects.said(id, m);
        events.publishEvent(new MessageAdded(id, m.seq(), from));
        return m;
    }

    /** The whole transcript (masked as stored), for staff who hold one of its complaints. */
    @Transactional(readOnly = true)
    public List<ChatMessage> transcript(UUID id) {
        List<ChatMessage> all = new ArrayList<>();
        List<ChatMessage> page = store.after(id, 0, PAGE);
        while (!page.isEmpty()) {
            all.addAll(page);
            page = store.after(id, page.get(page.size() - 1).seq(), PAGE);
        }
        return all;
    }

    /** Checks that a token opens this conversation: {@link ConversationNotFound} (404) when it does not. */
    @Transactional(readOnly = true)
    public void authorize(UUID id, String token) {
        if (store.tokenHash(id).filter(h -> Tokens.matches(h, token)).isEmpty()) {
            throw new ConversationNotFound();
        }
    }

    /** Messages after a sequence number, in order, at most {@link #PAGE}. */
    @Transactional(readOnly = true)
    public List<ChatMessage> after(UUID id, String token, long afterSeq) {
        if (store.tokenHash(id).filter(h -> Tokens.matches(h, token)).isEmpty()) {
            throw new ConversationNotFound();
        }
        return store.after(id, Math.max(0, afterSeq), PAGE);
    }
}
