package dev.teller.server.conversation;

import dev.teller.intents.Intents;
import dev.teller.intents.Language;
import dev.teller.intents.Understander;
import dev.teller.intents.Understanding;
import dev.teller.kb.KnowledgeBase;
import dev.teller.kb.SearchResult;
import dev.teller.server.config.TellerProperties;
import dev.teller.server.privacy.Masking;
import dev.teller.server.security.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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

    private static final Logger log = LoggerFactory.getLogger(Conversations.class);

    /** Messages returned by one read at most; read again after the last seq for more. */
    public static final int PAGE = 500;

    /** A new conversation and the token that opens it (shown once; only its hash is stored). */
    public record Started(UUID conversationId, String token) {}

    private final ConversationStore store;
    private final Understander understander;
    private final KnowledgeBase knowledgeBase;
    private final TellerProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final MessageRate rate;
    private final Timer understandingTime;
    private final Timer searchTime;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<ComplaintDesk> desk;
    private final ObjectProvider<PendingQuestion> questions;
    private final ObjectProvider<AnswerPhrasing> phrasing;
    private final ObjectProvider<IntentTieBreak> tieBreak;
    private final TransactionTemplate reading;
    private final TransactionTemplate writing;
    /** Messages being understood at once ({@code teller.understanding-threads}, by default one per processor). */
    private final java.util.concurrent.Semaphore working;
    /** Where a rewording is asked for while the tie-break is asked on the message's own thread. */
    private final java.util.concurrent.ExecutorService asking =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    /** Lets the rewordings still being asked finish when the server stops. */
    @jakarta.annotation.PreDestroy
    void stopAsking() {
        asking.close();
    }

    /** Who is in a conversation, as they gave it. */
    public record Customer(String name, String contact, String channel, String language) {}

    Conversations(
            ConversationStore store,
            Understander understander,
            KnowledgeBase knowledgeBase,
            TellerProperties properties,
            Clock clock,
            MeterRegistry meters,
            ApplicationEventPublisher events,
            ObjectProvider<ComplaintDesk> desk,
            ObjectProvider<PendingQuestion> questions,
            ObjectProvider<AnswerPhrasing> phrasing,
            ObjectProvider<IntentTieBreak> tieBreak,
            PlatformTransactionManager transactions) {
        // Plain reads on one borrowed connection, without BEGIN and COMMIT: the write checks what they saw.
        this.reading = new TransactionTemplate(transactions);
        this.reading.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
        this.writing = new TransactionTemplate(transactions);
        this.phrasing = phrasing;
        this.tieBreak = tieBreak;
        this.events = events;
        this.desk = desk;
        this.questions = questions;
        this.store = store;
        this.understander = understander;
        this.knowledgeBase = knowledgeBase;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.rate = new MessageRate(properties.maxMessagesPerSecond());
        this.working = new java.util.concurrent.Semaphore(
                properties.understandingThreads() > 0
                        ? properties.understandingThreads()
                        : Runtime.getRuntime().availableProcessors(),
                true);
        this.understandingTime = Timer.builder("teller.understanding")
                .description("understanding one customer message")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.searchTime = Timer.builder("teller.search")
                .description("searching the knowledge base for one message")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @Transactional
    public Started start(String language, String channel, String name, String contact) {
        UUID id = UUID.randomUUID();
        String token = Tokens.newToken();
        store.create(
                id, Tokens.hash(token), language, channel == null ? "rest" : channel, name, contact, clock.instant());
        return new Started(id, token);
    }

    /** What a customer message is read as, worked out before its conversation is locked. */
    private record Read(long afterSeq, Masking.Masked masked, Understanding understanding, SearchResult found) {}

    /**
     * What the understanding of a message reads from its conversation, and its state as it stood (only when an
     * {@link AnswerPhrasing} is on, to guess whether the reply will be an article answer worth rewording).
     */
    private record Context(
            long lastSeq, boolean askedForSecret, List<String> recentTexts, ConversationStore.State state) {}

    /**
     * What the language model made of a message, asked before its conversation is locked: the understanding with
     * its tie-break, and the rewording of the article answer the message looked likely to get (null when none).
     */
    private record Advice(Understanding understanding, String articleId, AnswerPhrasing.Phrased phrased) {}

    /**
     * Takes a customer message and returns what it caused: the stored (masked) customer message and the
     * replies. Sending the same client message id again returns the same messages and stores nothing.
     *
     * <p>The costly part (understanding, search, and the optional language model's tie-break and rewording) runs
     * outside any transaction, between a few plain reads and a short locked write, so that a database connection
     * is held for milliseconds, not for the whole reply (nor for a provider's second), and a busy server queues
     * customers for its processors rather than for its connections. Should another message of the same
     * conversation be stored in between, the message is read again under the lock and answered without the
     * language model.
     */
    public List<ChatMessage> post(UUID id, String token, String text, String clientMessageId) {
        Object checked = reading.execute(tx -> {
            // An id longer than any stored one (refused just below) cannot have been sent before.
            ConversationStore.Recent recent = store.recent(
                    id, clientMessageId != null && clientMessageId.length() > 100 ? null : clientMessageId);
            if (recent.tokenHash().filter(h -> Tokens.matches(h, token)).isEmpty()) {
                throw new ConversationNotFound();
            }
            validate(text, clientMessageId);
            if (recent.sentBefore().isPresent()) {
                return replies(id, recent.sentBefore().get());
            }
            if (!rate.allow(id, clock.millis())) {
                throw new TooManyMessages(rate.perSecond());
            }
            return context(
                    recent,
                    phrasing.getIfAvailable() == null ? null : store.peek(id).orElse(null));
        });
        if (!(checked instanceof Context context)) {
            @SuppressWarnings("unchecked")
            List<ChatMessage> replayed = (List<ChatMessage>) checked;
            return replayed;
        }
        Read read = read(text, context);
        Advice advice = advise(id, read, context.state());
        return writing.execute(tx -> store(id, token, text, clientMessageId, read, advice));
    }

    private static Context context(ConversationStore.Recent recent, ConversationStore.State state) {
        return new Context(
                recent.lastSeq(),
                recent.lastReplyText().map(Masking::asksForSecret).orElse(false),
                recent.recentTexts(),
                state);
    }

    private void validate(String text, String clientMessageId) {
        if (text == null || text.isBlank()) {
            throw new InvalidMessage("The message is empty: send some text.");
        }
        if (nothingToRead(text)) {
            throw new InvalidMessage("The message has no visible characters (only invisible or unreadable ones, such"
                    + " as NUL or zero-width spaces): send some text.");
        }
        if (text.length() > properties.maxMessageChars()) {
            throw new InvalidMessage("The message has " + text.length() + " characters; the limit is "
                    + properties.maxMessageChars() + ". Send it in shorter parts.");
        }
        if (clientMessageId != null && clientMessageId.length() > 100) {
            throw new InvalidMessage("clientMessageId is longer than 100 characters.");
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

    /**
     * Masks, understands and searches a message in its conversation's context. At most as many messages as there
     * are processors are worked on at once, first come first served, so that a burst waits in line instead of
     * slowing every reply at once.
     */
    private Read read(String text, Context context) {
        Masking.Masked masked = Masking.mask(text, context.askedForSecret());
        working.acquireUninterruptibly();
        try {
            Understanding u =
                    understandingTime.record(() -> understander.understand(masked.text(), context.recentTexts()));
            Language searchIn = u.language() == Language.EN ? Language.EN : Language.ZH;
            SearchResult found = searchTime.record(() -> knowledgeBase.search(masked.text(), searchIn, null, 3));
            return new Read(context.lastSeq(), masked, u, found);
        } finally {
            working.release();
        }
    }

    /**
     * Asks the language model, when one is on, what it is asked about a message: which of two close intents is
     * meant, and the rewording of the article answer the message will most likely get (decided here on the state
     * as last read, without the pending questions and the ticket status, which are decided under the lock). No
     * transaction and no connection is held meanwhile. Which of two close intents is meant may change the kind of
     * reply, never the article that answers it (that comes from the search), so both are asked at once: a reply
     * waits for one call, not two.
     */
    private Advice advise(UUID id, Read read, ConversationStore.State state) {
        String text = read.masked().text();
        Understanding u = read.understanding();
        List<String> close = closeIntents(u);
        AnswerPhrasing p = phrasing.getIfAvailable();
        SearchResult found = read.found();
        DialoguePolicy.Decision likely =
                p == null || state == null || found.hits().isEmpty()
                        ? null
                        : DialoguePolicy.decide(
                                u,
                                text,
                                found,
                                new DialoguePolicy.Context(state.misses(), state.lastSentiment(), state.intake()));
        if (likely == null || likely.kind() != DialoguePolicy.Kind.ANSWER) {
            return new Advice(tieBroken(id, text, u, close), null, null);
        }
        String articleId = (String) likely.meta().get("articleId");
        List<AnswerPhrasing.Passage> passages = found.hits().stream()
                .limit(3)
                .map(h -> new AnswerPhrasing.Passage(
                        h.article().id(), h.article().title(), h.article().body()))
                .toList();
        java.util.function.Supplier<AnswerPhrasing.Phrased> reworded =
                () -> p.phrase(id, text, u.language() == Language.EN, passages).orElse(null);
        if (close.isEmpty()) {
            return new Advice(u, articleId, reworded.get());
        }
        var rewording = java.util.concurrent.CompletableFuture.supplyAsync(reworded, asking);
        Understanding chosen = tieBroken(id, text, u, close);
        return new Advice(chosen, articleId, rewording.join());
    }

    private List<ChatMessage> store(
            UUID id, String token, String text, String clientMessageId, Read read, Advice advice) {
        ConversationStore.State state =
                store.lock(id).filter(s -> Tokens.matches(s.tokenHash(), token)).orElseThrow(ConversationNotFound::new);
        ConversationStore.Recent recent = store.last(id, clientMessageId);
        if (recent.sentBefore().isPresent()) {
            // The same message sent again at once (a retry racing the first send) is stored once.
            return replies(id, recent.sentBefore().get());
        }
        if (recent.lastSeq() != read.afterSeq()) {
            // Another message of this conversation was stored meanwhile: read this one in its new context.
            recent = store.recent(id, clientMessageId);
            read = read(text, context(recent, null));
            advice = new Advice(read.understanding(), null, null);
        }
        Masking.Masked masked = read.masked();
        SearchResult found = read.found();
        List<ChatMessage> out = new ArrayList<>();
        out.add(store.append(
                id,
                recent.lastSeq() + 1,
                "customer",
                masked.text(),
                masked.changed() ? Map.of("masked", masked.reasons()) : Map.of(),
                clientMessageId,
                clock.instant()));
        events.publishEvent(new CustomerMessaged(id, out.get(0).seq(), masked.text(), clock.instant()));
        if (masked.changed()) {
            out.add(store.append(
                    id,
                    "system",
                    "For your safety we hid the card number or code in your message. We never need it: please don't send it in chat.",
                    Map.of("masked", masked.reasons()),
                    null,
                    clock.instant()));
        }
        Understanding u = advice.understanding();
        // The conversation's complaint, for a customer who asks after it or who says more about it.
        ComplaintDesk.Status ticketStatus = state.intake() == null
                        && (u.intent().equals(Intents.COMPLAINT_STATUS) || DialoguePolicy.complaintLike(u))
                ? desk.stream()
                        .findFirst()
                        .flatMap(dk -> dk.status(id, u.language() == Language.EN))
                        .orElse(null)
                : null;
        boolean en = u.language() == Language.EN;
        String answered = state.intake() != null
                ? null
                : questions.stream()
                        .map(q -> q.answer(id, masked.text(), en))
                        .flatMap(java.util.Optional::stream)
                        .findFirst()
                        .orElse(null);
        DialoguePolicy.Decision d = answered != null
                ? DialoguePolicy.answered(u, answered)
                : DialoguePolicy.decide(
                        u,
                        masked.text(),
                        found,
                        new DialoguePolicy.Context(
                                state.misses(), state.lastSentiment(), state.intake(), ticketStatus));
        d = phrased(d, found, advice);
        Map<String, Object> meta = d.meta();
        UUID escalationId = null;
        if (d.escalation() != null) {
            escalationId = UUID.randomUUID();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", escalationId.toString());
            if (meta.get("escalation") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> e.put(String.valueOf(k), v));
            }
            meta = new LinkedHashMap<>(meta);
            meta.put("escalation", e);
        }
        ChatMessage reply = store.append(id, "bot", d.text(), meta, null, clock.instant());
        out.add(reply);
        String newState = d.intake() != null
                ? "complaint_intake"
                : d.meta().get("handoff") == Boolean.TRUE ? "handoff" : state.state();
        store.update(
                id, u.language().code(), newState, d.misses(), u.sentiment().score(), d.intake());
        if (d.escalation() != null) {
            DialoguePolicy.Escalation e = d.escalation();
            store.insertEscalation(escalationId, id, reply.seq(), e, clock.instant());
            events.publishEvent(new Escalated(
                    escalationId,
                    id,
                    reply.seq(),
                    e.kind(),
                    e.category(),
                    e.fundSafety(),
                    e.reasons(),
                    e.facts(),
                    clock.instant()));
            meters.counter("teller.escalations", "kind", e.kind()).increment();
            // What the escalation caused (the complaint's ticket number and promise) belongs to this reply.
            out.addAll(store.after(id, reply.seq(), 20));
        }
        meters.counter("teller.messages", "from", "customer").increment();
        meters.counter("teller.messages", "from", "bot").increment();
        meters.counter("teller.replies", "kind", d.kind().name().toLowerCase(java.util.Locale.ROOT))
                .increment();
        if (d.meta().get("handoff") == Boolean.TRUE) {
            meters.counter("teller.handoffs").increment();
        }
        log.info(
                "conversation {}: {} (intent {}, article {})",
                id,
                d.kind(),
                u.intent(),
                d.meta().get("articleId"));
        return out;
    }

    /**
     * The intents to put to the {@link IntentTieBreak}: the top ones, when they are within
     * {@code teller.intent-tie-margin} of each other and nothing points to the customer's money being at risk;
     * none otherwise, or when there is no tie-break.
     */
    private List<String> closeIntents(Understanding u) {
        var top = u.intents();
        if (tieBreak.getIfAvailable() == null
                || u.outOfScope()
                || top.size() < 2
                || top.get(0).confidence() - top.get(1).confidence() > properties.intentTieMargin()
                || u.complaint().fundSafetyRisk()) {
            return List.of();
        }
        return top.stream()
                .limit(3)
                .filter(s -> top.get(0).confidence() - s.confidence() <= properties.intentTieMargin())
                .map(dev.teller.intents.IntentScore::intent)
                .toList();
    }

    /** The understanding with the intent the {@link IntentTieBreak} chose among {@code candidates} first. */
    private Understanding tieBroken(UUID id, String text, Understanding u, List<String> candidates) {
        IntentTieBreak t = tieBreak.getIfAvailable();
        if (t == null || candidates.isEmpty()) {
            return u;
        }
        var top = u.intents();
        return t.choose(id, text, candidates, u.language() == Language.EN)
                .filter(candidates::contains)
                .filter(c -> !c.equals(top.get(0).intent()))
                .map(c -> {
                    List<dev.teller.intents.IntentScore> reordered = new ArrayList<>();
                    top.stream().filter(s -> s.intent().equals(c)).forEach(reordered::add);
                    top.stream().filter(s -> !s.intent().equals(c)).forEach(reordered::add);
                    meters.counter("teller.intent.tie_breaks").increment();
                    return new Understanding(
                            u.language(), reordered, false, u.sentiment(), u.complaint(), u.truncated());
                })
                .orElse(u);
    }

    /**
     * An article answer reworded by the configured {@link AnswerPhrasing} (as advised before the lock, when it was
     * for this very answer), with the articles it cites in {@code meta.citations}; the decision as it was when there
     * is none, it declined, or the answer turned out otherwise.
     */
    private static DialoguePolicy.Decision phrased(DialoguePolicy.Decision d, SearchResult found, Advice advice) {
        if (advice.phrased() == null
                || d.kind() != DialoguePolicy.Kind.ANSWER
                || !advice.articleId().equals(d.meta().get("articleId"))) {
            return d;
        }
        AnswerPhrasing.Phrased r = advice.phrased();
        Map<String, Object> meta = new LinkedHashMap<>(d.meta());
        List<Map<String, String>> cited = new ArrayList<>();
        for (String c : r.citations()) {
            found.hits().stream()
                    .filter(h -> h.article().id().equals(c))
                    .findFirst()
                    .ifPresent(h -> cited.add(
                            Map.of("articleId", c, "title", h.article().title(), "link", "/api/v1/articles/" + c)));
        }
        meta.put("citations", cited);
        meta.put("phrased", true);
        return new DialoguePolicy.Decision(d.kind(), r.text(), meta, d.misses(), d.intake(), d.escalation());
    }

    /** Who is in the conversation, as they gave it when it started. */
    @Transactional(readOnly = true)
    public Customer customer(UUID id) {
        return store.customer(id).orElseThrow(ConversationNotFound::new);
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

    /** What a stored customer message caused: it and the messages after it up to the next customer message. */
    private List<ChatMessage> replies(UUID id, long customerSeq) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage m : store.after(id, customerSeq - 1, 20)) {
            if (!out.isEmpty() && m.from().equals("customer")) {
                break;
            }
            out.add(m);
        }
        return out;
    }
}
