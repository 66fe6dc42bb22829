package dev.teller.intents.embed;

/** Small vector helpers shared by the classifiers and the knowledge base's index. */
public final class Vectors {

    private Vectors() {}

    /** A copy of {@code v} scaled to unit length (all zeros stay zeros). */
    public static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] u = new float[v.length];
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] * scale;
        }
        return u;
    }
}
