package dev.teller.kb.index;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * Text analysis per language. English: standard tokens, possessives dropped, lower case, banking synonyms
 * (on the query side only, so the synonym list can change without re-indexing), stop words, Porter stems.
 * Chinese: characters and overlapping character bigrams (width-folded, Latin words lower-cased), which
 * match paraphrases better than a dictionary segmenter on short customer questions.
 */
public final class Analysis {

    private Analysis() {}

    /** English analysis for indexing (no synonyms). */
    public static Analyzer englishIndex() {
        return english(null);
    }

    /** English analysis for queries, expanding the given synonyms (may be null). */
    public static Analyzer english(SynonymMap synonyms) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new EnglishPossessiveFilter(source);
                ts = new LowerCaseFilter(ts);
                if (synonyms != null) {
                    ts = new SynonymGraphFilter(ts, synonyms, true);
                }
                ts = new StopFilter(ts, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                ts = new PorterStemFilter(ts);
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    /** Chinese (and mixed) analysis: unigrams plus bigrams of CJK characters. */
    public static Analyzer chinese() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new CJKWidthFilter(source);
                ts = new LowerCaseFilter(ts);
                ts = new CJKBigramFilter(
                        ts,
                        CJKBigramFilter.HAN
                                | CJKBigramFilter.HIRAGANA
                                | CJKBigramFilter.KATAKANA
                                | CJKBigramFilter.HANGUL,
                        true);
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    /** Parses a synonym list in Solr's format ({@code a, b, c} per line; {@code #} comments). */
    public static SynonymMap synonyms(Reader solrFormat) {
        try (Analyzer plain = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(source));
            }
        }) {
            SolrSynonymParser parser = new SolrSynonymParser(true, true, plain);
            parser.parse(solrFormat);
            return parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("synonym list line " + e.getErrorOffset() + ": " + e.getMessage(), e);
        }
    }

    /** A synonym list from text, for tests and defaults. */
    public static SynonymMap synonyms(String solrFormat) {
        return synonyms(new StringReader(solrFormat));
    }
}
