package dev.teller.server.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.intents.ComplaintSignals;
import dev.teller.intents.Cue;
import dev.teller.intents.IntentScore;
import dev.teller.intents.Language;
import dev.teller.intents.Money;
import dev.teller.intents.Sentiment;
import dev.teller.intents.Understanding;
import dev.teller.kb.SearchResult;
import dev.teller.server.conversation.ComplaintDesk;
import dev.teller.server.conversation.ConversationTexts;
import dev.teller.server.conversation.EscalationDetails;
import dev.teller.server.conversation.ReplyMeta;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The dialogue's decisions on small, hand-made understandings: complaint intake, handoff, distress. */
public class DialoguePolicyTest {

    static final SearchResult NOTHING = SearchResult.empty("", Language.EN);
    static final DialoguePolicy POLICY = new DialoguePolicy(texts());

    /** The bundle as the server reads it (spring.messages), without Spring. */
    public static ConversationTexts texts() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename(ConversationTexts.BUNDLE);
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new ConversationTexts(messages);
    }

    static Understanding understood(
            String intent, double sentiment, double complaint, List<Cue> fundSafety, Money amount, Language lang) {
        return new Understanding(
                lang,
                List.of(new IntentScore(intent, 0.9)),
                false,
                new Sentiment(sentiment, Sentiment.Label.NEUTRAL, List.of()),
                new ComplaintSignals(
                        complaint,
                        complaint > 0.5 ? List.of("unacceptable") : List.of(),
                        complaint > 0.5 ? ComplaintSignals.Category.OPERATION : null,
                        complaint > 0.5 ? List.of("charged") : List.of(),
                        fundSafety,
                        amount,
                        List.of()),
                false);
    }

    static Understanding complaint(double sentiment) {
        return understood("card_payment_fee_charged", sentiment, 0.9, List.of(), null, Language.EN);
    }

    static Understanding plain(String intent, double sentiment) {
        return understood(intent, sentiment, 0.05, List.of(), null, Language.EN);
    }

    static DialoguePolicy.Decision step(Understanding u, String text, DialoguePolicy.Decision before) {
        DialoguePolicy.Context c = before == null
                ? DialoguePolicy.Context.NEW
                : new DialoguePolicy.Context(before.misses(), null, before.intake());
        return POLICY.decide(u, text, NOTHING, c);
    }

    @Test
    void aComplaintMissingFactsGetsAtMostTwoQuestionsThenAnEscalationWithReasons() {
        var first = step(complaint(-0.7), "you charged me, unacceptable", null);
        assertThat(first.kind()).isEqualTo(DialoguePolicy.Kind.COMPLAINT_QUESTION);
        assertThat(first.text()).contains("recording it as a complaint").contains("what happened");
        assertThat(first.meta().handoff()).isFalse();
        assertThat(first.escalation()).isNull();

        var second =
                step(plain("card_payment_fee_charged", -0.2), "a card fee on a payment that should be free", first);
        assertThat(second.kind()).isEqualTo(DialoguePolicy.Kind.COMPLAINT_QUESTION);
        assertThat(second.text()).contains("When did this happen");
        assertThat(second.intake().asked()).containsExactly("what", "when");

        var third = step(plain("goodbye", 0), "no idea", second);
        assertThat(third.kind()).isEqualTo(DialoguePolicy.Kind.COMPLAINT);
        assertThat(third.intake()).isNull();
        assertThat(third.meta().handoff()).isTrue();
        DialoguePolicy.Escalation e = third.escalation();
        assertThat(e.kind()).isEqualTo("complaint");
        assertThat(e.category()).isEqualTo("operation");
        assertThat(e.reasons())
                .anyMatch(r -> r.startsWith("complaint (probability 0.9)") && r.contains("'unacceptable'"))
                .anyMatch(r -> r.contains("category operation") && r.contains("'charged'"))
                .anyMatch(r -> r.contains("strong distress"));
        assertThat(e.details().what())
                .contains("you charged me")
                .contains("should be free")
                .contains("no idea");
    }

    @Test
    void aComplaintThatSaysWhatWhenAndHowMuchIsEscalatedAtOnce() {
        Money pounds = new Money(new BigDecimal("40"), "GBP", "£40");
        var u = understood("card_payment_fee_charged", -0.5, 0.9, List.of(), pounds, Language.EN);
        var d = step(u, "you took a £40 fee from my account yesterday for a payment that was meant to be free", null);
        assertThat(d.kind()).isEqualTo(DialoguePolicy.Kind.COMPLAINT);
        assertThat(d.escalation().details())
                .isEqualTo(new EscalationDetails.Complaint(
                        "you took a £40 fee from my account yesterday for a payment that was meant to be free",
                        "yesterday",
                        "40 GBP",
                        List.of(),
                        "en"));
        assertThat(d.escalation().reasons()).anyMatch(r -> r.equals("amount 40 GBP ('£40')"));
    }

    @Test
    void fundSafetySkipsTheQuestionsAndGoesToTheRiskTeam() {
        var u = understood(
                "card_payment_not_recognised",
                -0.4,
                0.7,
                List.of(new Cue("unauthorised_charge", "did not make")),
                null,
                Language.EN);
        var d = step(u, "there is a payment I did not make", null);
        assertThat(d.kind()).isEqualTo(DialoguePolicy.Kind.COMPLAINT);
        assertThat(d.escalation().fundSafety()).isTrue();
        assertThat(d.text()).contains("risk team").contains("2 minutes");
        assertThat(d.escalation().reasons()).contains("fund safety unauthorised_charge: 'did not make'");
    }

    @Test
    void askingForAPersonDuringIntakeEscalatesWithWhatIsKnown() {
        var first = step(complaint(-0.3), "this is unacceptable", null);
        var d = step(plain("request_human", -0.3), "just get me a human", first);
        assertThat(d.kind()).isEqualTo(DialoguePolicy.Kind.COMPLAINT);
        assertThat(d.escalation().reasons()).contains("the customer asked for a person");
    }

    @Test
    void sayingOutrightThatYouWantToComplainStartsTheIntakeInEitherLanguage() {
        var en = step(plain("complaint_status", 0), "I want to make a complaint", null);
        assertThat(en.kind()).isEqualTo(DialoguePolicy.Kind.COMPLAINT_QUESTION);
        var zh = step(understood("complaint_status", 0, 0.3, List.of(), null, Language.ZH), "我要投诉", null);
        assertThat(zh.kind()).isEqualTo(DialoguePolicy.Kind.COMPLAINT_QUESTION);
        assertThat(zh.text()).contains("投诉").contains("发生了什么");
        var status = step(plain("complaint_status", 0), "what is happening with my complaint", null);
        assertThat(status.kind()).isNotIn(DialoguePolicy.Kind.COMPLAINT_QUESTION, DialoguePolicy.Kind.COMPLAINT);
    }

    @Test
    void aRequestForAPersonIsAnEscalationToo() {
        var d = step(plain("request_human", 0), "can I talk to someone", null);
        assertThat(d.kind()).isEqualTo(DialoguePolicy.Kind.HANDOFF);
        assertThat(d.escalation().kind()).isEqualTo("handoff");
        assertThat(d.meta().escalation())
                .isEqualTo(new ReplyMeta.HandoffNote(null, List.of("the customer asked for a person")));
    }

    @Test
    void risingDistressBringsTheOfferOfAPersonForward() {
        var u = understood("out_of_scope", -0.4, 0.1, List.of(), null, Language.EN);
        var calm = POLICY.decide(u, "hm", NOTHING, new DialoguePolicy.Context(0, -0.3, null));
        assertThat(calm.text()).contains("put it another way");
        var rising = POLICY.decide(u, "hm", NOTHING, new DialoguePolicy.Context(0, 0.2, null));
        assertThat(rising.text()).contains("Shall I bring in a person");
    }

    static DialoguePolicy.Context filed(String status, boolean fundSafety) {
        return new DialoguePolicy.Context(
                0,
                null,
                null,
                new ComplaintDesk.Status(
                        "Your complaint C-2026-000042 is being worked on.",
                        Map.of("number", "C-2026-000042", "status", status, "fundSafety", fundSafety)));
    }

    /** "The amount was 30 pounds" after a complaint was filed is that complaint, said more of: no second ticket. */
    @Test
    void moreAboutAFiledComplaintIsAddedToItNotFiledAgain() {
        Understanding amount = understood(
                "card_payment_fee_charged",
                -0.3,
                0.8,
                List.of(),
                new Money(new BigDecimal("30"), "GBP", "30 pounds"),
                Language.EN);
        var added = POLICY.decide(amount, "the amount is 30 pounds", NOTHING, filed("assigned", false));
        assertThat(added.kind()).isEqualTo(DialoguePolicy.Kind.COMPLAINT_ADDED);
        assertThat(added.escalation()).isNull();
        assertThat(added.intake()).isNull();
        assertThat(added.text()).contains("C-2026-000042");
        assertThat(added.meta().ticket())
                .isEqualTo(filed("assigned", false).ticketStatus().ticket());

        var resolved = POLICY.decide(amount, "the amount is 30 pounds", NOTHING, filed("resolved", false));
        assertThat(resolved.kind())
                .as("a resolved complaint's customer complaining again makes a new one")
                .isEqualTo(DialoguePolicy.Kind.COMPLAINT_QUESTION);

        var another = POLICY.decide(
                amount, "I want to make another complaint about a fee", NOTHING, filed("assigned", false));
        assertThat(another.kind()).isIn(DialoguePolicy.Kind.COMPLAINT_QUESTION, DialoguePolicy.Kind.COMPLAINT);

        Understanding fraud = understood(
                "card_payment_not_recognised",
                -0.6,
                0.9,
                List.of(new Cue("unauthorised_charge", "I didn't make")),
                null,
                Language.EN);
        var danger = POLICY.decide(fraud, "and a payment I didn't make", NOTHING, filed("in_progress", false));
        assertThat(danger.kind())
                .as("a danger to the money that the open complaint does not cover is filed at once")
                .isEqualTo(DialoguePolicy.Kind.COMPLAINT);
        assertThat(POLICY.decide(fraud, "and a payment I didn't make", NOTHING, filed("in_progress", true))
                        .kind())
                .as("one the open fund-safety complaint covers is added to it")
                .isEqualTo(DialoguePolicy.Kind.COMPLAINT_ADDED);
    }

    @Test
    void anIntakeIsStoredAsOneFlatObjectAndReadBackWhole() {
        var asked = step(complaint(-0.7), "you charged me, unacceptable", null).intake();
        assertThat(asked.asked()).containsExactly("what");
        tools.jackson.databind.ObjectMapper json =
                tools.jackson.databind.json.JsonMapper.builder().build();
        tools.jackson.databind.JsonNode stored = json.valueToTree(asked);
        assertThat(stored.propertyNames())
                .as("the stored form rows written before the facts were a record of their own")
                .containsExactlyInAnyOrder(
                        "language",
                        "texts",
                        "asked",
                        "probability",
                        "category",
                        "categoryTriggers",
                        "triggers",
                        "fundSafety",
                        "escalation",
                        "amount",
                        "when",
                        "minSentiment");
        assertThat(json.readValue(json.writeValueAsString(asked), ComplaintIntake.class))
                .isEqualTo(asked);
    }
}
