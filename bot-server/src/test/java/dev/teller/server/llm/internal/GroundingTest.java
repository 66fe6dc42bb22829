package dev.teller.server.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.llm.internal.Grounding.Figure;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The figure and substance checks on a reworded answer, on inline articles in English and Chinese. */
class GroundingTest {

    static final String PIN_EN = """
            How do I change my card PIN?
            You can change your card PIN in the app or at any of our ATMs. To see your current PIN, open Cards → View \
            PIN; it's shown after a fingerprint or face check. If you entered the wrong PIN three times, the PIN is \
            blocked.""";

    static final String ARRIVAL_EN = """
            My card hasn't arrived yet
            If your card hasn't arrived 10 working days after you ordered it, report it in the app under Cards → Card \
            not arrived. We cancel the missing card and send you a new one free.
            - Normal delivery takes 3–5 working days at home, or up to 10 working days abroad. Express takes 1–2 \
            working days.""";

    static final String ARRIVAL_ZH = """
            卡怎么还没寄到
            如果卡寄出后超过 10 个工作日仍未收到，请在 App 里 卡片 → 卡片未收到 报告，我们会注销这张卡，并免费重新寄一张。
            - 正常时效：国内 3–5 个工作日，寄往境外最长 10 个工作日，加急 1–2 个工作日。""";

    static final String ARRIVAL_HANT = """
            卡怎麼還沒寄到
            如果卡寄出後超過 10 個工作日仍未收到，請在 App 裡 卡片 → 卡片未收到 報告，我們會註銷這張卡，並免費重新寄一張。
            - 正常時效：國內 3–5 個工作日，寄往境外最長 10 個工作日，加急 1–2 個工作日。""";

    static final String TRANSFER_ZH = """
            怎么往国外汇款？费用和到账时间
            在 App 的「付款」里新建转账，选择境外收款人，通过 SWIFT 汇出。
            - 费用：每笔 5 元，收款银行或中转银行可能另外收费。
            - 需要换汇时：App 内换汇每月 5,000 元以内免费，超出部分 0.5%，周末另加 1%。""";

    static Grounding.Verdict en(String reply, String... articles) {
        return Grounding.judge(reply, List.of(articles), true);
    }

    static Grounding.Verdict zh(String reply, String... articles) {
        return Grounding.judge(reply, List.of(articles), false);
    }

    static void same(Set<Figure> expected, String... forms) {
        for (String form : forms) {
            assertThat(Grounding.figures(form)).as(form).isEqualTo(expected);
        }
    }

    @Test
    void aFigureIsOneWhateverItsFormOrLanguage() {
        same(Set.of(new Figure("37", "gbp")), "£37", "37 pounds", "37 GBP", "GBP 37", "37英镑");
        same(
                Set.of(new Figure("37", "cny")),
                "¥37",
                "￥37",
                "37元",
                "37 元",
                "人民币37元",
                "RMB 37",
                "37 yuan",
                "37塊",
                "三十七元");
        same(Set.of(new Figure("500", "hkd")), "HK$500", "500港元", "港幣500");
        same(Set.of(new Figure("3", "percent")), "3%", "3％", "3 per cent", "3 percent", "百分之三");
        same(Set.of(new Figure("0.5", "percent")), "0.5%", "0.50 per cent");
        same(
                Set.of(new Figure("10", "working_day")),
                "10 working days",
                "ten business days",
                "10个工作日",
                "十个工作日",
                "10個工作日");
        same(Set.of(new Figure("2", "hour")), "2 hours", "two hours", "a 2-hour wait", "2小时", "两小时", "2小時", "兩個小時");
        same(Set.of(new Figure("2", "minute")), "within 2 minutes", "2 mins", "2分钟", "两分鐘");
        same(
                Set.of(new Figure("24", "hour"), new Figure("7", "day")),
                "24/7",
                "24 hours a day, 7 days a week",
                "twenty-four hours a day, seven days a week",
                "7×24小时",
                "7x24 小時");
        same(Set.of(new Figure("1000", "")), "1,000", "1000", "1,000.00");
        same(Set.of(new Figure("10000", "cny")), "1万元", "一万元", "10,000元", "1萬元");
        same(Set.of(new Figure("3", ""), new Figure("5", "working_day")), "3–5 working days", "3到5个工作日", "三到五个工作日");
    }

    @Test
    void wordsThatOnlyLookLikeNumbersAreNoFigures() {
        for (String words : List.of(
                "at one of our ATMs",
                "a new one",
                "one-time code",
                "千万不要把密码告诉别人",
                "十分感谢您的耐心",
                "请稍等一下",
                "我们一起看看",
                "統一處理")) {
            assertThat(Grounding.figures(words)).as(words).isEmpty();
        }
    }

    @Test
    void aFeeTheArticleDoesNotStateIsCaughtInEveryLanguage() {
        var english = en(
                "You can change your card PIN in the app or at any of our ATMs. The fee for this is 37 pounds.",
                PIN_EN);
        assertThat(english.unsupported()).containsExactly(new Figure("37", "gbp"));
        assertThat(english.grounded()).isFalse();

        var chinese = zh("如果超过 10 个工作日仍未收到，请在 App 里 卡片 → 卡片未收到 报告，补寄手续费为 37 元。", ARRIVAL_ZH);
        assertThat(chinese.unsupported()).containsExactly(new Figure("37", "cny"));
        assertThat(chinese.grounded()).isFalse();

        var traditional = zh("如果超過 10 個工作日仍未收到，請在 App 裡 卡片 → 卡片未收到 報告，補寄手續費為 37 元。", ARRIVAL_HANT);
        assertThat(traditional.unsupported()).containsExactly(new Figure("37", "cny"));
        assertThat(traditional.grounded()).isFalse();

        assertThat(zh("国际汇款每笔 5 元，App 内换汇每月 5,000 元以内免费，超出部分收 2%。", TRANSFER_ZH).unsupported())
                .as("a changed rate")
                .containsExactly(new Figure("2", "percent"));
        assertThat(en("Normal delivery takes 3–5 days at home.", ARRIVAL_EN).unsupported())
                .as("5 days is not 5 working days")
                .containsExactly(new Figure("5", "day"));
        assertThat(en("Report it if it hasn't come after two weeks; delivery takes 3–5 working days.", ARRIVAL_EN)
                        .unsupported())
                .containsExactly(new Figure("2", "week"));
    }

    @Test
    void aFaithfulRewordingWithTheArticlesOwnFiguresIsShown() {
        var english = en(
                "If your card hasn't arrived after 10 working days, report it in the app under Cards, Card not arrived, "
                        + "and we'll send a new one free. Normal delivery takes 3 to 5 working days; express 1-2.",
                ARRIVAL_EN);
        assertThat(english.unsupported()).isEmpty();
        assertThat(english.grounded()).as("share %.2f", english.share()).isTrue();

        assertThat(en("Change it in the app or at an ATM. After three wrong tries the PIN is blocked.", PIN_EN)
                        .grounded())
                .as("three in words, as the article has it")
                .isTrue();

        var chinese = zh("如果超过十个工作日还没收到卡，请在 App 的 卡片 → 卡片未收到 里报告，我们会免费重新寄一张。国内一般 3–5 个工作日。", ARRIVAL_ZH);
        assertThat(chinese.unsupported()).isEmpty();
        assertThat(chinese.grounded()).as("share %.2f", chinese.share()).isTrue();

        var traditional = zh("如果超過 10 個工作日還沒收到卡，請在 App 的 卡片 → 卡片未收到 報告，我們會免費重新寄一張。國內一般 3–5 個工作日。", ARRIVAL_HANT);
        assertThat(traditional.grounded()).as("share %.2f", traditional.share()).isTrue();

        assertThat(zh("在 App 的「付款」里新建转账，通过 SWIFT 汇出，每笔收费 5 元；换汇每月 5000 元以内免费，超出部分百分之零点五。", TRANSFER_ZH)
                        .unsupported())
                .as("5,000 written 5000, 0.5% as 百分之零点五")
                .isEmpty();
    }

    @Test
    void anAnswerWithoutTheArticlesSubstanceIsNotShown() {
        for (String filler : List.of(
                "",
                "I can help with that!",
                "Sure, here's how it works.",
                "Thanks for your question! I'm happy to help you with this. Let me know if there's anything else.")) {
            assertThat(en(filler, PIN_EN).grounded()).as(filler).isFalse();
        }
        var offTopic = en("To get a new card, go to Profile and update your address; delivery is quick.", PIN_EN);
        assertThat(offTopic.share()).isLessThan(Grounding.MIN_SHARE);
        assertThat(offTopic.grounded()).isFalse();
        assertThat(en("You can order a virtual card in the app.", PIN_EN).grounded())
                .as("two of the article's words in another answer")
                .isFalse();
        for (String filler : List.of("我可以帮您处理这个问题！", "好的，没问题，请问还有什么可以帮您？", "卡片一般很快就会寄到，请耐心等待，有问题随时联系我们。")) {
            assertThat(zh(filler, ARRIVAL_ZH).grounded()).as(filler).isFalse();
        }
        assertThat(zh("我可以幫您處理這個問題！", ARRIVAL_HANT).grounded()).isFalse();
        assertThat(zh("卡片一般很快就會寄到，請耐心等待，有問題隨時聯繫我們。", ARRIVAL_HANT).grounded()).isFalse();
    }
}
