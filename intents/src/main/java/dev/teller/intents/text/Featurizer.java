package dev.teller.intents.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a normalized message into sparse n-gram features: words and word pairs, character n-grams inside
 * words (which survive typos and inflection), and character uni-, bi- and trigrams of Chinese text (which
 * needs no word segmenter). Each family is scaled to unit length so that long and short messages weigh alike.
 */
public final class Featurizer {

    private static final int MIN_CHAR_GRAM = 2;
    private static final int MAX_CHAR_GRAM = 5;

    private Featurizer() {}

    /** Splits normalized text into tokens: Latin words and numbers, single Chinese characters, single symbols. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (LanguageDetector.isCjk(cp)) {
                flush(word, tokens);
                tokens.add(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp) || cp == '\'' || cp == '@') {
                if (cp == '\'' && word.isEmpty()) {
                    continue;
                }
                word.appendCodePoint(cp);
            } else {
                flush(word, tokens);
                if (!Character.isWhitespace(cp) && isSignal(cp)) {
                    tokens.add(new String(Character.toChars(cp)));
                }
            }
        }
        flush(word, tokens);
        return tokens;
    }

    /** Symbols that carry meaning in chat: ? ! and emoji, currency signs. Other punctuation is dropped. */
    private static boolean isSignal(int cp) {
        if (cp == '?' || cp == '!' || cp == '？' || cp == '！') {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || type == Character.CURRENCY_SYMBOL;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (!word.isEmpty()) {
            int end = word.length();
            while (end > 0 && word.charAt(end - 1) == '\'') {
                end--;
            }
            if (end > 0) {
                tokens.add(word.substring(0, end));
            }
            word.setLength(0);
        }
    }

    private static boolean isCjkToken(String token) {
        return LanguageDetector.isCjk(token.codePointAt(0));
    }

    /** Digits stand for any number: "£25" and "£40" look the same to the model. */
    private static String shape(String token) {
        StringBuilder out = new StringBuilder(token.length());
        boolean lastDigit = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isDigit(c)) {
                if (!lastDigit) {
                    out.append('0');
                }
                lastDigit = true;
            } else {
                out.append(c);
                lastDigit = false;
            }
        }
        return out.toString();
    }

    public static Features features(String normalized) {
        List<String> tokens = tokens(normalized);
        Map<String, Float> words = new LinkedHashMap<>();
        Map<String, Float> pairs = new LinkedHashMap<>();
        Map<String, Float> grams = new LinkedHashMap<>();
        Map<String, Float> hanzi = new LinkedHashMap<>();
        String previous = "<s>";
        List<String> cjkRun = new ArrayList<>();
        for (String raw : tokens) {
            String token = shape(raw);
            if (isCjkToken(token)) {
                cjkRun.add(token);
                previous = "<s>";
                continue;
            }
            addCjkRun(cjkRun, hanzi);
            words.merge("w=" + token, 1f, Float::sum);
            pairs.merge("b=" + previous + "_" + token, 1f, Float::sum);
            previous = token;
            if (token.codePointCount(0, token.length()) > 1) {
                String padded = "<" + token + ">";
                for (int n = MIN_CHAR_GRAM; n <= MAX_CHAR_GRAM; n++) {
                    for (int i = 0; i + n <= padded.length(); i++) {
                        grams.merge("c=" + padded.substring(i, i + n), 1f, Float::sum);
                    }
                }
            }
        }
        addCjkRun(cjkRun, hanzi);
        if (!words.isEmpty()) {
            pairs.merge("b=" + previous + "_</s>", 1f, Float::sum);
        }

        List<String> names = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        addScaled(words, names, values);
        addScaled(pairs, names, values);
        addScaled(grams, names, values);
        addScaled(hanzi, names, values);
        String[] n = names.toArray(String[]::new);
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return new Features(n, v);
    }

    private static void addCjkRun(List<String> run, Map<String, Float> hanzi) {
        if (run.isEmpty()) {
            return;
        }
        for (int i = 0; i < run.size(); i++) {
            hanzi.merge("z=" + run.get(i), 1f, Float::sum);
            if (i + 1 < run.size()) {
                hanzi.merge("z=" + run.get(i) + run.get(i + 1), 1f, Float::sum);
            }
            if (i + 2 < run.size()) {
                hanzi.merge("z=" + run.get(i) + run.get(i + 1) + run.get(i + 2), 1f, Float::sum);
            }
        }
        hanzi.merge("z=^" + run.get(0), 1f, Float::sum);
        hanzi.merge("z=" + run.get(run.size() - 1) + "$", 1f, Float::sum);
        run.clear();
    }

    /** Sublinear counts, scaled to unit length within the family. */
    private static void addScaled(Map<String, Float> family, List<String> names, List<Float> values) {
        if (family.isEmpty()) {
            return;
        }
        double norm = 0;
        for (Map.Entry<String, Float> e : family.entrySet()) {
            float tf = (float) (1 + Math.log(e.getValue()));
            e.setValue(tf);
            norm += tf * tf;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (Map.Entry<String, Float> e : family.entrySet()) {
            names.add(e.getKey());
            values.add(e.getValue() * scale);
        }
    }
}
