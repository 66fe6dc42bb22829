package dev.teller.server.complaint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.complaint.Queue;
import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.TicketStatus;
import dev.teller.server.complaint.Tier;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * What the customer reads when a complaint is filed and when they ask where it stands, from the message bundles as
 * the server reads them (UTF-8, no fallback to the machine's locale): English and simplified Chinese word for word
 * as the desk has always said them, and traditional Chinese for every text.
 */
class ComplaintTextsTest {

    static final ComplaintTexts TEXTS = new ComplaintTexts(bundle());

    static ResourceBundleMessageSource bundle() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("messages/complaint");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    static Ticket ticket(Tier tier, boolean fundSafety, Queue queue, TicketStatus status, Instant due) {
        return Ticket.filed()
                .id(UUID.randomUUID())
                .number("C-2026-000007")
                .channel("rest")
                .category("service")
                .tier(tier)
                .fundSafety(fundSafety)
                .queue(queue)
                .status(status)
                .resolutionDueAt(due)
                .build();
    }

    static final Locale EN = ComplaintTexts.locale(true);
    static final Locale ZH = ComplaintTexts.locale(false);
    static final Locale TW = Locale.TRADITIONAL_CHINESE;

    @Test
    void thePromiseNamesTheNumberTheTierAndBothTargets() {
        Ticket urgent = ticket(Tier.URGENT, false, Queue.GENERAL, TicketStatus.NEW, null);
        Duration four = Duration.ofHours(4);
        Duration days = Duration.ofHours(48);
        assertThat(TEXTS.promise(urgent, four, days, false, EN))
                .isEqualTo("Your complaint number is C-2026-000007 (urgent). A member of our team will reply within 4 "
                        + "hours and we will resolve it within 48 hours. Ask me about it at any time.");
        assertThat(TEXTS.promise(urgent, four, days, true, EN))
                .isEqualTo("Your complaint number is C-2026-000007 (urgent). A member of our team will reply within 4 "
                        + "hours working and we will resolve it within 48 hours working. Ask me about it at any time.");
        assertThat(TEXTS.promise(urgent, four, days, false, ZH))
                .isEqualTo("您的投诉编号是 C-2026-000007（紧急）。我们的同事会在 4 小时内回复您，并在 48 小时内处理完毕。您可以随时问我进展。");
        assertThat(TEXTS.promise(urgent, four, days, true, ZH))
                .isEqualTo("您的投诉编号是 C-2026-000007（紧急）。我们的同事会在工作 4 小时内回复您，并在工作 48 小时内处理完毕。您可以随时问我进展。");
        assertThat(TEXTS.promise(urgent, four, days, false, TW)).startsWith("您的投訴編號是 C-2026-000007（緊急）。");
    }

    @Test
    void aFundSafetyPromiseNamesTheRiskTeam() {
        Ticket fraud = ticket(Tier.MAJOR, true, Queue.RISK, TicketStatus.NEW, null);
        Duration half = Duration.ofMinutes(30);
        Duration day = Duration.ofHours(24);
        assertThat(TEXTS.promise(fraud, half, day, false, EN))
                .isEqualTo("Your complaint number is C-2026-000007. Our risk team will contact you within 30 minutes, "
                        + "and we will resolve it within 24 hours.");
        assertThat(TEXTS.promise(fraud, half, day, true, EN)).endsWith("within 24 hours working.");
        assertThat(TEXTS.promise(fraud, half, day, false, ZH))
                .isEqualTo("您的投诉编号是 C-2026-000007。风险团队会在 30 分钟内联系您，并在 24 小时内处理完毕。");
        assertThat(TEXTS.promise(fraud, half, day, true, ZH))
                .isEqualTo("您的投诉编号是 C-2026-000007。风险团队会在 30 分钟内联系您，并在工作 24 小时内处理完毕。");
        assertThat(TEXTS.promise(fraud, half, day, false, TW))
                .contains("風險管理團隊")
                .contains("30 分鐘");
    }

    @Test
    void aTargetIsInMinutesUnderTwoHoursUnlessWholeHours() {
        Ticket t = ticket(Tier.ORDINARY, true, Queue.RISK, TicketStatus.NEW, null);
        assertThat(TEXTS.promise(t, Duration.ofMinutes(1), Duration.ofHours(1), false, EN))
                .contains("within 1 minute,")
                .contains("within 1 hour.");
        assertThat(TEXTS.promise(t, Duration.ofMinutes(90), Duration.ofMinutes(120), false, EN))
                .contains("within 90 minutes,")
                .contains("within 2 hours.");
        assertThat(TEXTS.promise(t, Duration.ofMinutes(150), Duration.ofHours(1200), false, EN))
                .as("two hours and more are whole hours, without grouping")
                .contains("within 2 hours,")
                .contains("within 1200 hours.");
        assertThat(TEXTS.promise(t, Duration.ofMinutes(90), Duration.ofHours(1200), false, ZH))
                .contains("90 分钟")
                .contains("1200 小时");
    }

    @Test
    void theStatusNamesTheTeamAndTheDeadlineWhileOpen() {
        Instant due = Instant.parse("2026-03-04T10:15:30.500Z");
        assertThat(TEXTS.status(ticket(Tier.ORDINARY, false, Queue.GENERAL, TicketStatus.NEW, due), EN))
                .isEqualTo("Your complaint C-2026-000007 is received and waiting for the first available colleague "
                        + "(our complaints team). We will resolve it by 2026-03-04 10:15 UTC.");
        assertThat(TEXTS.status(ticket(Tier.MAJOR, false, Queue.SENIOR, TicketStatus.IN_PROGRESS, due), ZH))
                .isEqualTo("您的投诉 C-2026-000007 正在处理（高级投诉团队）。处理期限：2026-03-04 10:15 UTC。");
        assertThat(TEXTS.status(ticket(Tier.MAJOR, true, Queue.RISK, TicketStatus.RESOLVED, due), EN))
                .isEqualTo("Your complaint C-2026-000007 is resolved (our risk team).");
        assertThat(TEXTS.status(ticket(Tier.MAJOR, true, Queue.RISK, TicketStatus.WAITING_ON_CUSTOMER, null), ZH))
                .isEqualTo("您的投诉 C-2026-000007 正在等待您的回复（风险团队）。");
        assertThat(TEXTS.status(ticket(Tier.MAJOR, true, Queue.RISK, TicketStatus.CLOSED, due), TW))
                .isEqualTo("您的投訴 C-2026-000007 已結案（風險管理團隊）。");
        for (TicketStatus s : TicketStatus.values()) {
            for (Locale l : new Locale[] {EN, ZH, TW}) {
                assertThat(TEXTS.status(ticket(Tier.ORDINARY, false, Queue.GENERAL, s, due), l))
                        .as(s + " " + l)
                        .contains("C-2026-000007")
                        .doesNotContain("complaint.");
            }
        }
    }

    @Test
    void everyLanguageHasEveryText() throws IOException {
        Properties en = load("");
        assertThat(en).isNotEmpty();
        for (String language : new String[] {"_zh_CN", "_zh_TW"}) {
            assertThat(load(language).keySet()).as(language).isEqualTo(en.keySet());
        }
        assertThat(load("_zh_TW").values())
                .as("traditional characters, not simplified ones")
                .noneMatch(v -> String.valueOf(v).matches(".*[诉编号们会处门为时内复].*"));
    }

    static Properties load(String suffix) throws IOException {
        Properties p = new Properties();
        try (var in = ComplaintTextsTest.class.getResourceAsStream("/messages/complaint" + suffix + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
