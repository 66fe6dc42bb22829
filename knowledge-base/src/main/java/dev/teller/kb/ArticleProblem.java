package dev.teller.kb;

/** An article file that could not be loaded, and why. The other articles load regardless. */
public record ArticleProblem(String source, String reason) {
    @Override
    public String toString() {
        return source + ": " + reason;
    }
}
