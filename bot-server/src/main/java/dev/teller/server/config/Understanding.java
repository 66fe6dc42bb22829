package dev.teller.server.config;

import dev.teller.intents.Intents;
import dev.teller.intents.Understander;
import dev.teller.intents.embed.OnnxEmbedder;
import dev.teller.intents.embed.RecentEmbeddings;
import dev.teller.kb.KnowledgeBase;
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
}
