package dev.teller.intents.text;

import dev.teller.intents.Language;

/**
 * Tells English, Chinese and mixed messages apart by script. A message with no letters at all (digits,
 * emoji, punctuation) gets the fallback language, usually the conversation's previous one.
 */
public final class LanguageDetector {

    private LanguageDetector() {}

    /** True for CJK ideographs (the Chinese characters), including the extensions. */
    public static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN;
    }

    public static Language detect(String text, Language fallback) {
        int cjk = 0;
        int latinLetters = 0;
        int latinWords = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isCjk(cp)) {
                cjk++;
                inWord = false;
            } else if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                latinLetters++;
                if (!inWord) {
                    latinWords++;
                }
                inWord = true;
            } else {
                inWord = false;
            }
        }
        if (cjk == 0 && latinLetters == 0) {
            return fallback;
        }
        if (cjk == 0) {
            return Language.EN;
        }
        if (latinLetters == 0) {
            return Language.ZH;
        }
        // A Chinese character carries about as much as a short English word: weigh them so.
        double latinShare = latinLetters / (latinLetters + 2.5 * cjk);
        if (latinWords >= 3 && latinShare >= 0.35 && cjk >= 2) {
            return Language.MIXED;
        }
        return latinShare > 0.8 ? Language.EN : Language.ZH;
    }
}
