package dev.teller.kb.index;

/**
 * How the hybrid ranking is weighted. Three retrievers propose articles: BM25 over the title, alternative
 * questions and body (each field boosted); nearest neighbours among the vectors of every title and
 * alternative question; and nearest neighbours among the articles' centroid vectors. An article's score is
 * {@code vectorWeight × neighbour evidence + bm25Weight × BM25 / best BM25 + centroidWeight × centroid
 * similarity + classifierWeight × P(article | query)}; the first hit's answerability is the similarity of its closest phrasing.
 *
 * @param candidates how many articles each retriever proposes
 * @param neighbourTemperature 0 to score an article by its closest phrasing only; above 0, by a soft maximum
 *     over all its phrasings among the nearest neighbours
 * @param centroidWeight the weight of the similarity to the centroid of each article's phrasings
 * @param classifierWeight the weight of the probability a classifier trained on the phrasings gives the article
 * @param answerThresholdEn minimum answerability for the bot to answer from the first hit (English)
 * @param answerThresholdZh the same for Chinese and mixed queries
 */
public record Ranking(
        double titleBoost,
        double questionsBoost,
        double bodyBoost,
        int candidates,
        double bm25Weight,
        double vectorWeight,
        double neighbourTemperature,
        double centroidWeight,
        double classifierWeight,
        double answerThresholdEn,
        double answerThresholdZh) {

    public static Ranking defaults() {
        return new Ranking(2.0, 1.5, 0.5, 50, 0.2, 1.0, 0.05, 1.0, 0.25, 0.70, 0.60);
    }
}
