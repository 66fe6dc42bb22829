package dev.teller.intents;

import dev.teller.intents.ComplaintSignals.Category;
import dev.teller.intents.classify.Encoder;
import dev.teller.intents.classify.Ensemble;
import dev.teller.intents.classify.Sample;
import dev.teller.intents.cues.CueLexicon;
import dev.teller.intents.cues.MoneyParser;
import dev.teller.intents.embed.Embedder;
import dev.teller.intents.model.UnderstandingModel;
import dev.teller.intents.text.Featurizer;
import dev.teller.intents.text.LanguageDetector;
import dev.teller.intents.text.TextNormalizer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The understander behind {@link Intents#load}: calibrated ensembles per language, plus the cue lexicon. */
public final class EnsembleUnderstander implements Understander {

    static final int TOP_INTENTS = 5;
    /** Characters searched for cues and amounts; a complaint's key words come early. */
    static final int MAX_CUE_CHARS = 20_000;
    /** A reply this short ("still nothing", "何时到") may continue the previous message's topic. */
    static final int SHORT_REPLY_TOKENS = 3;

    private final UnderstandingModel model;
    private final Encoder encoder;
    private final CueLexicon lexicon;

    public EnsembleUnderstander(UnderstandingModel model, Embedder embedder, CueLexicon lexicon) {
        this.model = model;
        this.encoder = new Encoder(embedder);
        this.lexicon = lexicon;
    }

    @Override
    public Understanding understand(String message, List<String> previousTurns) {
        Objects.requireNonNull(message, "message");
        List<String> previous = previousTurns == null
                ? List.of()
                : previousTurns.stream().filter(Objects::nonNull).toList();
        String normalized = TextNormalizer.normalize(message);
        boolean truncated =
                TextNormalizer.stripControls(message).strip().length() > TextNormalizer.MAX_CLASSIFIED_CHARS;
        Language fallback = previous.isEmpty()
                ? Language.EN
                : LanguageDetector.detect(TextNormalizer.normalize(previous.get(previous.size() - 1)), Language.EN);
        Language language = LanguageDetector.detect(normalized, fallback);

        String forCues = cueText(message);
        ComplaintSignals noComplaint =
                new ComplaintSignals(0, List.of(), Category.SERVICE, List.of(), List.of(), null, List.of());
        int tokens = Featurizer.tokens(normalized).size();
        if (tokens == 0) {
            // Nothing to read (empty, white space, punctuation): Teller does not know what is wanted.
            Sentiment neutral = new Sentiment(0, Sentiment.Label.NEUTRAL, List.of());
            return new Understanding(language, List.of(), true, neutral, noComplaint, truncated);
        }

        Sample sample = encoder.encodeNormalized(normalized, language);
        List<IntentScore> intents = top(model.intents(language), sample);
        if (isUnsure(intents) && !previous.isEmpty() && tokens <= SHORT_REPLY_TOKENS) {
            String context = TextNormalizer.normalize(previous.get(previous.size() - 1) + " " + message);
            List<IntentScore> withContext = top(model.intents(language), encoder.encodeNormalized(context, language));
            if (!isUnsure(withContext)) {
                intents = withContext;
            }
        }
        boolean outOfScope = isUnsure(intents);

        Ensemble sentimentModel = model.sentiment(language);
        double[] ps = sentimentModel.probabilities(sample);
        double positive = probability(sentimentModel, ps, "positive");
        double negative = probability(sentimentModel, ps, "negative");
        Sentiment.Label label =
                Sentiment.Label.valueOf(argmax(sentimentModel, ps).toUpperCase(java.util.Locale.ROOT));
        List<String> feelingWords = new ArrayList<>();
        lexicon.find("sentiment", forCues).forEach(c -> feelingWords.add(c.trigger()));
        Sentiment sentiment = new Sentiment(clamp(positive - negative), label, List.copyOf(feelingWords));

        Ensemble complaintModel = model.complaints(language);
        double complaint = probability(complaintModel, complaintModel.probabilities(sample), "complaint");
        List<String> complaintWords =
                lexicon.find("complaint", forCues).stream().map(Cue::trigger).toList();
        List<Cue> fundSafety = lexicon.find("fund_safety", forCues);
        List<Cue> escalation = lexicon.find("escalation", forCues);
        Money amount = MoneyParser.find(forCues);
        String topIntent =
                intents.isEmpty() ? Intents.OUT_OF_SCOPE : intents.get(0).intent();
        List<Cue> categoryCues = new ArrayList<>(lexicon.find("category", forCues));
        // Money at risk is a processing matter whatever else the message names ("the fraudster posed as your staff").
        fundSafety.forEach(c -> categoryCues.add(new Cue("operation", c.trigger())));
        Category category = category(categoryCues, topIntent);
        List<String> categoryTriggers = categoryCues.stream()
                .filter(c -> c.kind().equalsIgnoreCase(category.name()))
                .map(Cue::trigger)
                .toList();
        if (categoryTriggers.isEmpty()) {
            categoryTriggers = List.of("intent:" + topIntent);
        }
        ComplaintSignals signals = new ComplaintSignals(
                complaint, complaintWords, category, categoryTriggers, fundSafety, amount, escalation);
        return new Understanding(language, intents, outOfScope, sentiment, signals, truncated);
    }

    private boolean isUnsure(List<IntentScore> intents) {
        return intents.isEmpty()
                || intents.get(0).intent().equals(Intents.OUT_OF_SCOPE)
                || intents.get(0).confidence() < model.outOfScopeThreshold();
    }

    /** The message as cues see it: controls removed, NFKC, capped; case is kept for the triggers. */
    private static String cueText(String message) {
        String s = message.length() > MAX_CUE_CHARS ? message.substring(0, MAX_CUE_CHARS) : message;
        return Normalizer.normalize(TextNormalizer.stripControls(s), Normalizer.Form.NFKC);
    }

    private static List<IntentScore> top(Ensemble classifier, Sample sample) {
        double[] p = classifier.probabilities(sample);
        List<String> labels = classifier.labels();
        List<IntentScore> all = new ArrayList<>(labels.size());
        for (int i = 0; i < p.length; i++) {
            all.add(new IntentScore(labels.get(i), p[i]));
        }
        all.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        return List.copyOf(all.subList(0, Math.min(TOP_INTENTS, all.size())));
    }

    private static double probability(Ensemble classifier, double[] p, String label) {
        int i = classifier.labels().indexOf(label);
        return i < 0 ? 0 : p[i];
    }

    private static String argmax(Ensemble classifier, double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return classifier.labels().get(best);
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }

    /** The category with the most cue matches; ties and silence go to the category the intent implies. */
    static Category category(List<Cue> cues, String intent) {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        for (Cue c : cues) {
            counts.merge(Category.valueOf(c.kind().toUpperCase(java.util.Locale.ROOT)), 1, Integer::sum);
        }
        Category byIntent = categoryOfIntent(intent);
        int best = counts.values().stream().max(Integer::compare).orElse(0);
        if (best == 0 || counts.getOrDefault(byIntent, 0) == best) {
            return byIntent;
        }
        return counts.entrySet().stream()
                .filter(e -> e.getValue() == best)
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    /** The category a complaint about this intent most often belongs to. */
    static Category categoryOfIntent(String intent) {
        String i = intent.toLowerCase(java.util.Locale.ROOT);
        if (i.matches(
                        ".*(fee|charge|limit|age_limit|country_support|fiat|supported|beneficiary_not_allowed|why_verify|source_of_funds|exchange_rate$|visa_or_mastercard).*")
                && !i.contains("charged_twice")
                && !i.contains("extra_charge")) {
            return Category.POLICY;
        }
        if (i.matches(
                ".*(pending|failed|declined|reverted|not_received|not_updated|not_recognised|twice|wrong|refund|swallowed|cancel_transfer|transfer_timing|unable_to_verify|extra_charge|arrival|delivery|compromised|stolen|blocked).*")) {
            return Category.OPERATION;
        }
        if (i.matches(".*(card|contactless|apple_pay|exchange_via_app|top_up|account|pin|passcode).*")) {
            return Category.PRODUCT;
        }
        return Category.SERVICE;
    }
}
