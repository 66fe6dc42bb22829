package dev.teller.server.conversation.internal;

import dev.teller.intents.Language;
import dev.teller.intents.Understander;
import dev.teller.intents.Understanding;
import dev.teller.kb.KnowledgeBase;
import dev.teller.kb.SearchResult;
import dev.teller.server.config.TellerProperties;
import dev.teller.server.privacy.Masking;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * The first step of a reply: a customer message masked, understood (the intents module) and searched for (the
 * knowledge base) in its conversation's context. The costly part of a reply, run outside any transaction.
 */
@Component
public class MessageReader {

    /** What a customer message is read as, and the last seq of the conversation it was read against. */
    public record Read(long afterSeq, Masking.Masked masked, Understanding understanding, SearchResult found) {}

    private final Understander understander;
    private final KnowledgeBase knowledgeBase;
    /** Messages being understood at once ({@code teller.understanding-threads}, by default one per processor). */
    private final Semaphore working;

    private final Timer understandingTime;
    private final Timer searchTime;

    MessageReader(
            Understander understander, KnowledgeBase knowledgeBase, TellerProperties properties, MeterRegistry meters) {
        this.understander = understander;
        this.knowledgeBase = knowledgeBase;
        this.working = new Semaphore(
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

    /**
     * Masks, understands and searches a message read against the conversation's recent messages: a bare code
     * answering a message that asked for one is masked too, and the customer's last texts are the context the
     * intents module reads. At most as many messages as there are processors are worked on at once, first come
     * first served, so that a burst waits in line instead of slowing every reply at once.
     */
    public Read read(String text, ConversationStore.Recent recent) {
        Masking.Masked masked = Masking.mask(
                text, recent.lastReplyText().map(Masking::asksForSecret).orElse(false));
        working.acquireUninterruptibly();
        try {
            Understanding u =
                    understandingTime.record(() -> understander.understand(masked.text(), recent.recentTexts()));
            Language searchIn = u.language() == Language.EN ? Language.EN : Language.ZH;
            SearchResult found = searchTime.record(() -> knowledgeBase.search(masked.text(), searchIn, null, 3));
            return new Read(recent.lastSeq(), masked, u, found);
        } finally {
            working.release();
        }
    }
}
