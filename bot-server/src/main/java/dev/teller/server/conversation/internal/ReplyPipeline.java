package dev.teller.server.conversation.internal;

import dev.teller.intents.Intents;
import dev.teller.intents.Language;
import dev.teller.intents.Understanding;
import dev.teller.kb.SearchResult;
import dev.teller.server.conversation.AnswerPhrasing;
import dev.teller.server.conversation.ChatMessage;
import dev.teller.server.conversation.ComplaintDesk;
import dev.teller.server.conversation.ConversationNotFound;
import dev.teller.server.conversation.ConversationTexts;
import dev.teller.server.conversation.CustomerMessaged;
import dev.teller.server.conversation.Escalated;
import dev.teller.server.conversation.EscalationEffects;
import dev.teller.server.conversation.MaskedMeta;
import dev.teller.server.conversation.PendingQuestion;
import dev.teller.server.conversation.Posted;
import dev.teller.server.conversation.ReplyMeta;
import dev.teller.server.privacy.Masking;
import dev.teller.server.security.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The last steps of a reply, in the short transaction that holds the conversation's lock: the message, read and
 * advised on before ({@link MessageReader}, {@link LanguageModelAdvice}), is stored, answered and escalated in one
 * order per conversation. Top down:
 *
 * <ol>
 *   <li>{@link #lock}: the conversation locked, and the message checked again (sent twice at once, or another of
 *       the conversation's messages stored meanwhile);
 *   <li>{@link #storeCustomerMessage}: the customer's message, masked, and the notice that it was;
 *   <li>{@link #decide}: what the reply says, shaped in turn by {@link #answeredQuestion the question it answers}
 *       (an NPS survey's), else {@link #policy the dialogue policy} (with {@link #ticketStatus the conversation's
 *       complaint}), then {@link #reworded the language model's rewording};
 *   <li>{@link #storeReply}: the reply, and what the conversation remembers after it;
 *   <li>{@link #escalate}: the person it brings in, and what that caused (a ticket's number and promise);
 *   <li>{@link #count}: the metrics and the log line.
 * </ol>
 */
@Component
public class ReplyPipeline {

    private static final Logger log = LoggerFactory.getLogger(ReplyPipeline.class);

    /** One customer message as it is answered: its conversation locked, read and advised on in its context. */
    private record Turn(
            UUID conversationId,
            ConversationStore.State state,
            long lastSeq,
            String clientMessageId,
            MessageReader.Read read,
            LanguageModelAdvice.Advice advice) {

        Masking.Masked masked() {
            return read.masked();
        }

        SearchResult found() {
            return read.found();
        }

        /** The understanding with the language model's tie-break, when it made one. */
        Understanding understanding() {
            return advice.understanding();
        }

        boolean english() {
            return understanding().language() == Language.EN;
        }
    }

    private final ConversationStore store;
    private final MessageReader reader;
    private final DialoguePolicy policy;
    private final ConversationTexts texts;
    private final EscalationEffects effects;
    private final ObjectProvider<ComplaintDesk> desk;
    private final ObjectProvider<PendingQuestion> questions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MeterRegistry meters;

    ReplyPipeline(
            ConversationStore store,
            MessageReader reader,
            DialoguePolicy policy,
            ConversationTexts texts,
            EscalationEffects effects,
            ObjectProvider<ComplaintDesk> desk,
            ObjectProvider<PendingQuestion> questions,
            ApplicationEventPublisher events,
            Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.reader = reader;
        this.policy = policy;
        this.texts = texts;
        this.effects = effects;
        this.desk = desk;
        this.questions = questions;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Stores a customer message and its reply, and returns them with what the reply caused; or, for a message
     * stored meanwhile under the same client message id, what it caused then. Runs in a transaction.
     */
    public List<ChatMessage> reply(
            UUID id,
            String token,
            String text,
            String clientMessageId,
            MessageReader.Read read,
            LanguageModelAdvice.Advice advice) {
        return switch (lock(id, token, clientMessageId)) {
            case Posted.Replay replay -> replay.messages();
            case Posted.Fresh fresh -> answer(turn(id, text, clientMessageId, fresh, read, advice));
        };
    }

    private List<ChatMessage> answer(Turn turn) {
        List<ChatMessage> out = new ArrayList<>(storeCustomerMessage(turn));
        DialoguePolicy.Decision d = decide(turn);
        Optional<UUID> escalationId = Optional.ofNullable(d.escalation()).map(e -> UUID.randomUUID());
        ChatMessage reply = storeReply(turn, d, escalationId);
        out.add(reply);
        escalationId.ifPresent(e -> out.addAll(escalate(turn, d.escalation(), e, reply)));
        count(turn, d);
        return out;
    }

    /** Locks the conversation; a message stored under the same client message id meanwhile is replayed. */
    private Posted lock(UUID id, String token, String clientMessageId) {
        ConversationStore.State state =
                store.lock(id).filter(s -> Tokens.matches(s.tokenHash(), token)).orElseThrow(ConversationNotFound::new);
        ConversationStore.Recent recent = store.last(id, clientMessageId);
        // The same message sent again at once (a retry racing the first send) is stored once.
        return recent.sentBefore()
                .<Posted>map(seq -> new Posted.Replay(store.caused(id, seq)))
                .orElseGet(() -> new Posted.Fresh(recent, state));
    }

    /**
     * The message as it is answered: as read, unless another message of its conversation was stored meanwhile; then
     * it is read again in its new context, and answered without the language model.
     */
    private Turn turn(
            UUID id,
            String text,
            String clientMessageId,
            Posted.Fresh locked,
            MessageReader.Read read,
            LanguageModelAdvice.Advice advice) {
        if (locked.recent().lastSeq() != read.afterSeq()) {
            read = reader.read(text, store.recent(id, clientMessageId));
            advice = LanguageModelAdvice.Advice.none(read.understanding());
        }
        return new Turn(id, locked.state(), read.afterSeq(), clientMessageId, read, advice);
    }

    /** Stores the customer's message (masked), and when something was masked, a notice that says so. */
    private List<ChatMessage> storeCustomerMessage(Turn t) {
        Masking.Masked masked = t.masked();
        MaskedMeta meta = masked.changed() ? new MaskedMeta(masked.reasons()) : null;
        List<ChatMessage> out = new ArrayList<>();
        out.add(store.append(
                t.conversationId(),
                t.lastSeq() + 1,
                "customer",
                masked.text(),
                meta,
                t.clientMessageId(),
                clock.instant()));
        events.publishEvent(new CustomerMessaged(t.conversationId(), out.get(0).seq(), masked.text(), clock.instant()));
        if (masked.changed()) {
            out.add(store.append(
                    t.conversationId(), "system", texts.english("notice.masked"), meta, null, clock.instant()));
        }
        return out;
    }

    /** What the reply says and means, shaped in turn by a pending question, the policy and the rewording. */
    private DialoguePolicy.Decision decide(Turn t) {
        DialoguePolicy.Decision d = answeredQuestion(t).orElseGet(() -> policy(t));
        return reworded(t, d);
    }

    /**
     * The reply to a message that answers a question another feature asked (an NPS survey's score), when it does.
     * A complaint being taken down takes every message as its own.
     */
    private Optional<DialoguePolicy.Decision> answeredQuestion(Turn t) {
        if (t.state().intake() != null) {
            return Optional.empty();
        }
        return questions.stream()
                .map(q -> q.answer(t.conversationId(), t.masked().text(), t.english()))
                .flatMap(Optional::stream)
                .findFirst()
                .map(reply -> policy.answered(t.understanding(), reply));
    }

    /** The dialogue policy's reply, with what the conversation remembers and its complaint's status. */
    private DialoguePolicy.Decision policy(Turn t) {
        ConversationStore.State s = t.state();
        return policy.decide(
                t.understanding(),
                t.masked().text(),
                t.found(),
                new DialoguePolicy.Context(s.misses(), s.lastSentiment(), s.intake(), ticketStatus(t)));
    }

    /** The conversation's complaint, for a customer who asks after it or who says more about it; else null. */
    private ComplaintDesk.Status ticketStatus(Turn t) {
        Understanding u = t.understanding();
        if (t.state().intake() != null
                || !(u.intent().equals(Intents.COMPLAINT_STATUS) || DialoguePolicy.complaintLike(u))) {
            return null;
        }
        return desk.stream()
                .findFirst()
                .flatMap(dk -> dk.status(t.conversationId(), t.english()))
                .orElse(null);
    }

    /**
     * An article answer reworded by the configured {@link AnswerPhrasing} (as advised before the lock, when it was
     * for this very answer), with the articles it cites in {@code meta.citations}; the decision as it was when there
     * is none, it declined, or the answer turned out otherwise.
     */
    private static DialoguePolicy.Decision reworded(Turn t, DialoguePolicy.Decision d) {
        LanguageModelAdvice.Advice advice = t.advice();
        if (advice.phrased() == null
                || d.kind() != DialoguePolicy.Kind.ANSWER
                || !advice.articleId().equals(d.meta().articleId())) {
            return d;
        }
        AnswerPhrasing.Phrased r = advice.phrased();
        List<ReplyMeta.Citation> cited = new ArrayList<>();
        for (String c : r.citations()) {
            t.found().hits().stream()
                    .filter(h -> h.article().id().equals(c))
                    .findFirst()
                    .ifPresent(
                            h -> cited.add(new ReplyMeta.Citation(c, h.article().title(), "/api/v1/articles/" + c)));
        }
        return d.reworded(r.text(), d.meta().reworded(cited));
    }

    /** Stores the reply (with its escalation's id) and what the conversation remembers after it. */
    private ChatMessage storeReply(Turn t, DialoguePolicy.Decision d, Optional<UUID> escalationId) {
        ReplyMeta meta = escalationId.map(d.meta()::withEscalationId).orElse(d.meta());
        ChatMessage reply = store.append(t.conversationId(), "bot", d.text(), meta, null, clock.instant());
        String state = d.intake() != null
                ? "complaint_intake"
                : d.meta().handoff() ? "handoff" : t.state().state();
        Understanding u = t.understanding();
        store.update(
                t.conversationId(),
                u.language().code(),
                state,
                d.misses(),
                u.sentiment().score(),
                d.intake());
        return reply;
    }

    /**
     * Stores the escalation the reply makes and tells the features that bring a person in ({@link Escalated}); returns
     * what they added to the conversation meanwhile (a complaint's ticket number and promise), which belongs to this
     * reply.
     */
    private List<ChatMessage> escalate(Turn t, DialoguePolicy.Escalation e, UUID escalationId, ChatMessage reply) {
        store.insertEscalation(escalationId, t.conversationId(), reply.seq(), e, clock.instant());
        List<ChatMessage> caused = effects.during(
                t.conversationId(),
                () -> events.publishEvent(new Escalated(
                        escalationId,
                        t.conversationId(),
                        reply.seq(),
                        e.kind(),
                        e.category(),
                        e.fundSafety(),
                        e.reasons(),
                        e.facts(),
                        clock.instant())));
        meters.counter("teller.escalations", "kind", e.kind()).increment();
        return caused;
    }

    private void count(Turn t, DialoguePolicy.Decision d) {
        meters.counter("teller.messages", "from", "customer").increment();
        meters.counter("teller.messages", "from", "bot").increment();
        meters.counter("teller.replies", "kind", d.kind().name().toLowerCase(Locale.ROOT))
                .increment();
        if (d.meta().handoff()) {
            meters.counter("teller.handoffs").increment();
        }
        log.info(
                "conversation {}: {} (intent {}, article {})",
                t.conversationId(),
                d.kind(),
                t.understanding().intent(),
                d.meta().articleId());
    }
}
