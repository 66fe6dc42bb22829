package dev.teller.kb;

/**
 * One article found for a query.
 *
 * @param score the fused ranking score (only comparable within one result list)
 * @param similarity the cosine similarity between the query and the article's closest title or question
 * @param snippet a short extract to show: the article's short answer, cut to a chat-sized length
 */
public record Hit(Article article, double score, double similarity, String snippet) {}
