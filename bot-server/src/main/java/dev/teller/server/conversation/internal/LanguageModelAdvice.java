package dev.teller.server.conversation.internal;

import dev.teller.intents.IntentScore;
import dev.teller.intents.Language;
import dev.teller.intents.Understanding;
import dev.teller.kb.SearchResult;
import dev.teller.server.config.TellerProperties;
import dev.teller.server.conversation.AnswerPhrasing;
import dev.teller.server.conversation.IntentTieBreak;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The second step of a reply, when a language model is on: which of two close intents the customer means (the
 * {@link IntentTieBreak}), and the rewording of the article answer the message will most likely get (the
 * {@link AnswerPhrasing}). Asked before the conversation is locked, so that no transaction and no connection is held
 * meanwhile.
 */
@Component
public class LanguageModelAdvice {

    /**
     * What the language model made of a message: the understanding with its tie-break, and the rewording of the
     * article answer the message looked likely to get (both null when none).
     */
    public record Advice(Understanding understanding, String articleId, AnswerPhrasing.Phrased phrased) {

        /** The understanding as the classifier gave it, with no rewording. */
        static Advice none(Understanding u) {
            return new Advice(u, null, null);
        }
    }

    private final ObjectProvider<AnswerPhrasing> phrasing;
    private final ObjectProvider<IntentTieBreak> tieBreak;
    private final DialoguePolicy policy;
    private final TellerProperties properties;
    private final MeterRegistry meters;
    /** Where a rewording is asked for while the tie-break is asked on the message's own thread. */
    private final ExecutorService asking = Executors.newVirtualThreadPerTaskExecutor();

    LanguageModelAdvice(
            ObjectProvider<AnswerPhrasing> phrasing,
            ObjectProvider<IntentTieBreak> tieBreak,
            DialoguePolicy policy,
            TellerProperties properties,
            MeterRegistry meters) {
        this.phrasing = phrasing;
        this.tieBreak = tieBreak;
        this.policy = policy;
        this.properties = properties;
        this.meters = meters;
    }

    /** Lets the rewordings still being asked finish when the server stops. */
    @PreDestroy
    void stopAsking() {
        asking.close();
    }

    /** Whether a rewording may be asked for, which needs the conversation's state to guess the reply. */
    public boolean mayReword() {
        return phrasing.getIfAvailable() != null;
    }

    /**
     * Asks the language model, when one is on, what it is asked about a message: which of two close intents is
     * meant, and the rewording of the article answer the message will most likely get (decided here on the state
     * as last read, without the pending questions and the ticket status, which are decided under the lock). Which
     * of two close intents is meant may change the kind of reply, never the article that answers it (that comes
     * from the search), so both are asked at once: a reply waits for one call, not two.
     *
     * @param state the conversation's state as last read, or null
     */
    public Advice advise(UUID id, MessageReader.Read read, ConversationStore.State state) {
        String text = read.masked().text();
        Understanding u = read.understanding();
        List<String> close = closeIntents(u);
        AnswerPhrasing p = phrasing.getIfAvailable();
        SearchResult found = read.found();
        DialoguePolicy.Decision likely =
                p == null || state == null || found.hits().isEmpty()
                        ? null
                        : policy.decide(
                                u,
                                text,
                                found,
                                new DialoguePolicy.Context(state.misses(), state.lastSentiment(), state.intake()));
        if (likely == null || likely.kind() != DialoguePolicy.Kind.ANSWER) {
            return Advice.none(tieBroken(id, text, u, close));
        }
        String articleId = likely.meta().articleId();
        List<AnswerPhrasing.Passage> passages = found.hits().stream()
                .limit(3)
                .map(h -> new AnswerPhrasing.Passage(
                        h.article().id(), h.article().title(), h.article().body()))
                .toList();
        Supplier<AnswerPhrasing.Phrased> reworded =
                () -> p.phrase(id, text, u.language() == Language.EN, passages).orElse(null);
        if (close.isEmpty()) {
            return new Advice(u, articleId, reworded.get());
        }
        var rewording = CompletableFuture.supplyAsync(reworded, asking);
        Understanding chosen = tieBroken(id, text, u, close);
        return new Advice(chosen, articleId, rewording.join());
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
                .map(IntentScore::intent)
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
                    List<IntentScore> reordered = new ArrayList<>();
                    top.stream().filter(s -> s.intent().equals(c)).forEach(reordered::add);
                    top.stream().filter(s -> !s.intent().equals(c)).forEach(reordered::add);
                    meters.counter("teller.intent.tie_breaks").increment();
                    return new Understanding(
                            u.language(), reordered, false, u.sentiment(), u.complaint(), u.truncated());
                })
                .orElse(u);
    }
}
