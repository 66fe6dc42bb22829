package dev.teller.server.complaint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The clauses an agent is offered to quote: those that share most words with what the customer said. */
class ClauseSearchTest {

    static final List<String> CLAUSES = List.of(
            "Cards are delivered to the address on your account.",
            "A replacement card costs 5 and arrives in 3–5 working days.",
            "Report a lost card in the app at once so that nobody can use it.",
            "补办银行卡收费 5 元，3 到 5 个工作日寄到。");

    @Test
    void theClausesThatShareMostWordsComeFirstAndAFigureCountsOneMore() {
        assertThat(ClauseSearch.clauses(CLAUSES, "I lost my card and need a replacement card quickly", 2))
                .containsExactly(CLAUSES.get(1), CLAUSES.get(2));
        assertThat(ClauseSearch.clauses(CLAUSES, "My card was delivered to the wrong address", 1))
                .containsExactly(CLAUSES.get(0));
    }

    @Test
    void chineseIsMatchedByCharactersAndCommonOnesAreLeftOut() {
        assertThat(ClauseSearch.clauses(CLAUSES, "我的银行卡丢了，补办要多久", 1)).containsExactly(CLAUSES.get(3));
        assertThat(ClauseSearch.terms("我的卡")).containsExactlyInAnyOrder("卡");
    }

    @Test
    void stopWordsAndShortWordsAreNoMatch() {
        assertThat(ClauseSearch.terms("What have you done with the card, it's not here"))
                .containsExactlyInAnyOrder("done", "card", "here");
        assertThat(ClauseSearch.clauses(List.of("Cards are delivered."), "the and for you", 3))
                .isEmpty();
    }
}
