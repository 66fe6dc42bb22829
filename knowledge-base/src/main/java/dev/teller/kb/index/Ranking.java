package dev.teller.kb.index;

/**
 * How the hybrid ranking is weighted. BM25 runs over three fields with their own boosts; nearest-neighbour
 * search runs over the vectors of each article's title and alternative questions; the two ranked lists are
 * fused by weighted reciprocal rank, and the first hit's answerability comes from its closest vector.
 *
 * @param candidates how many articles each retriever proposes before fusion
 * @param rrfK the reciprocal-rank constant: larger flattens the difference between ranks
 * @param neighbourTemperature 0 to score an article by its closest phrasing only; above 0, by a soft maximum
 *     over all its phrasings among the nearest neighbours
 * @param centroidWeight the weight of the similarity to the centroid of each article's phrasings
 * @param answerThreshold minimum answerability for the bot to answer from the first hit, per language
 */
public record Ranking(
        double titleBoost,
        double questionsBoost,
        double bodyBoost,
        int candidates,
        double bm25Weight,
        double vectorWeight,
        int rrfK,
        double neighbourTemperature,
        double centroidWeight,
        double answerThresholdEn,
        double answerThresholdZh) {

    public static Ranking defaults() {
        return new Ranking(2.0, 1.5, 0.5, 50, 0.05, 1.0, 0, 0.05, 1.0, 0.70, 0.60);
    }
}
