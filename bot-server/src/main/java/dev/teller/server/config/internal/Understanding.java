package dev.teller.server.config.internal;

import dev.teller.intents.Intents;
import dev.teller.intents.Language;
import dev.teller.intents.Understander;
import dev.teller.intents.embed.OnnxEmbedder;
import dev.teller.intents.embed.RecentEmbeddings;
import dev.teller.kb.KnowledgeBase;
import dev.teller.server.config.TellerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The intents module and the knowledge base, sharing one embedding model so a message is embedded once. */
@Configuration(proxyBeanMethods = false)
class Understanding {

    private static final Logger log = LoggerFactory.getLogger(Understanding.class);

    @Bean
    RecentEmbeddings embeddings() {
        return new RecentEmbeddings(new OnnxEmbedder(), 256);
    }

    @Bean
    Understander understander(RecentEmbeddings embeddings) {
        return Intents.load(Intents.Config.defaults().withEmbedder(embeddings).withProgress(log::info));
    }

    @Bean(destroyMethod = "close")
    KnowledgeBase knowledgeBase(RecentEmbeddings embeddings, TellerProperties properties) {
        if (properties.articles() != null) {
            int copied = KnowledgeBase.seedShippedArticles(properties.articles());
            if (copied > 0) {
                log.info(
                        "copied Teller's {} shipped article files into {} (edit them there)",
                        copied,
                        properties.articles());
            }
        }
        KnowledgeBase kb = KnowledgeBase.open(KnowledgeBase.Config.of(properties.articles(), properties.index())
                .withEmbedder(embeddings)
                .withWatch(properties.articles() != null)
                .withPackagedIndex(true)
                .withProgress(log::info));
        kb.problems().forEach(p -> log.warn("article skipped: {}", p));
        log.info("knowledge base: {} articles", kb.articles().size());
        return kb;
    }

    /**
     * Reads a few English and Chinese messages through understanding and search, over and over for
     * {@code teller.warm-up} (2 s by default), before the server takes traffic. The embedding models load
     * lazily, many classes load on first use and the JIT compiles the hot paths only once they have run: without
     * this, the first minute of a busy start (a site restarting in the middle of the day) costs half as much CPU
     * again per message and a first burst of customers waits seconds.
     */
    @Bean
    WarmedUp warmedUp(
            Understander understander,
            KnowledgeBase knowledgeBase,
            @org.springframework.beans.factory.annotation.Value("${teller.warm-up:PT2S}") java.time.Duration budget) {
        java.util.List<String> samples = java.util.List.of(
                "my card has not arrived yet",
                "how do I change my PIN?",
                "what does it cost to send money abroad",
                "I want to complain, the app took my money twice",
                "我的卡丢了怎么办",
                "转账多久到账",
                "hello",
                "what's the weather tomorrow");
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        int n = 0;
        do {
            String text = samples.get(n % samples.size());
            Language language = text.codePoints().anyMatch(c -> c > 0x2e80) ? Language.ZH : Language.EN;
            understander.understand(text, java.util.List.of());
            knowledgeBase.search(text, language, null, 3);
            n++;
        } while (n < samples.size() || System.nanoTime() < end);
        log.info(
                "understanding and search warmed up: {} messages in {} ms", n, (System.nanoTime() - start) / 1_000_000);
        return new WarmedUp();
    }

    /** Marks that the pipeline has run once in each language. */
    record WarmedUp() {}
}
