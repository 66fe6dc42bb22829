package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Whole card numbers, typed in every form a person types them, through every field a customer or a member of staff
 * writes (both chat channels, the staff and admin APIs), never come back whole from anything that reads them: the
 * customer's API and socket, the staff ticket with its trail and notes, the transcript, the brief, the supervisor's
 * search and CSV, the admin's staff list, the database's rows and the logs with every logger at DEBUG. And the other
 * way: phone numbers, amounts, dates, order and ticket numbers stay as typed, and a password is read as typed.
 *
 * <p>Each form carries a card number of its own, made at random (Luhn-valid, with a card scheme's first digits),
 * and "found whole" means its first twelve digits, read in any script, appear in what came back.
 */
@ExtendWith(OutputCaptureExtension.class)
class CardNumbersEverywhereTest extends OnPostgres {

    static final Random RANDOM = new Random();
    static final String FULL_WIDTH = "０１２３４５６７８９";
    static final String ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩";
    static final String CHINESE = "〇一二三四五六七八九";

    @Autowired
    LoggingSystem logging;

    /** A card number with these first digits and this length, its last digit the Luhn check digit. */
    static String card(String prefix, int length) {
        StringBuilder d = new StringBuilder(prefix);
        while (d.length() < length - 1) {
            d.append(RANDOM.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            String candidate = d.toString() + check;
            int sum = 0;
            for (int i = 0; i < candidate.length(); i++) {
                int v = candidate.charAt(candidate.length() - 1 - i) - '0';
                if (i % 2 == 1) {
                    v = v * 2 > 9 ? v * 2 - 9 : v * 2;
                }
                sum += v;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new AssertionError();
    }

    static List<String> groups(String d, int... sizes) {
        List<String> out = new ArrayList<>();
        int at = 0;
        for (int size : sizes) {
            out.add(d.substring(at, Math.min(d.length(), at + size)));
            at += size;
        }
        if (at < d.length()) {
            out.add(d.substring(at));
        }
        return out;
    }

    static String script(String d, String digits) {
        StringBuilder out = new StringBuilder();
        d.chars().forEach(c -> out.append(Character.isDigit(c) ? digits.charAt(c - '0') : (char) c));
        return out.toString();
    }

    /** A card number per form: the written form mapped to the digits it carries. */
    static Map<String, String> cards() {
        Map<String, String> written = new LinkedHashMap<>();
        for (Function<String, String> form : List.<Function<String, String>>of(
                d -> d,
                d -> String.join(".", groups(d, 4, 4, 4, 4)),
                d -> String.join("/", groups(d, 4, 4, 4, 4)),
                d -> String.join("_", groups(d, 4, 4, 4, 4)),
                d -> String.join("  ", groups(d, 4, 4, 4, 4)),
                d -> String.join("\u00A0", groups(d, 4, 4, 4, 4)),
                d -> String.join("\u200B", d.split("")),
                d -> {
                    List<String> g = groups(d, 4, 4, 4, 4);
                    return g.get(0) + "-" + g.get(1) + " " + g.get(2) + "." + g.get(3);
                },
                d -> {
                    List<String> g = groups(d, 4, 4, 4, 4);
                    return g.get(0) + " " + g.get(1) + "\n" + g.get(2) + " " + g.get(3);
                },
                d -> String.join("\u3000", groups(script(d, FULL_WIDTH), 4, 4, 4, 4)),
                d -> String.join(" ", groups(script(d, ARABIC_INDIC), 4, 4, 4, 4)),
                d -> script(d, CHINESE),
                d -> String.join("%20", groups(d, 4, 4, 4, 4)))) {
            String d = card("4" + RANDOM.nextInt(10), 16);
            written.put(form.apply(d), d);
        }
        String amex = card("37", 15);
        written.put(String.join(" ", groups(amex, 4, 6, 5)), amex);
        String unionPay = card("622", 19);
        written.put(String.join(" ", groups(unionPay, 4, 4, 4, 4)), unionPay);
        return written;
    }

    /** Every digit in the text, in any script (a URL-encoded space is a space), in ASCII, and nothing else. */
    static String digitsOf(String text) {
        StringBuilder out = new StringBuilder();
        text.replace("%20", " ").codePoints().forEach(cp -> {
            if (Character.isDigit(cp)) {
                out.append(Character.digit(cp, 10));
            } else if (CHINESE.indexOf(cp) >= 0) {
                out.append(CHINESE.indexOf(cp));
            }
        });
        return out.toString();
    }

    /** Fails when any of the card numbers is whole in {@code text}. */
    static void noWholeCard(String where, String text, Map<String, String> cards) {
        String digits = digitsOf(text);
        cards.forEach((written, d) -> assertThat(digits)
                .as(where + " holds the card number written as " + written.replace("\n", "\\n"))
                .doesNotContain(d.substring(0, 12)));
    }

    String get(String path, String login) throws Exception {
        var r = send("GET", path, login, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    String ok(String method, String path, String login, Object body) throws Exception {
        var r = send(method, path, login, body == null ? null : JSON.writeValueAsString(body));
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body();
    }

    @Test
    void noWholeCardNumberComesBackFromAnywhere(CapturedOutput output) throws Exception {
        Map<String, String> cards = cards();
        String all = String.join("; ", cards.keySet());
        List<String> written = new ArrayList<>(cards.keySet());
        Map<String, String> seen = new LinkedHashMap<>();
        List<Chat> chats = new ArrayList<>();
        String ticket;
        logging.setLogLevel(null, LogLevel.DEBUG);
        try {
            // The REST channel: a conversation per form, its name, contact, message and message id.
            for (String form : written) {
                Chat c = startChat(JSON.writeValueAsString(
                        Map.of("name", "Card " + form, "contact", "card " + form + " call me")));
                chats.add(c);
                var r = send(
                        "POST",
                        "/api/v1/conversations/" + c.id() + "/messages",
                        c.token(),
                        JSON.writeValueAsString(
                                Map.of("text", "hello, my card is " + form + " thanks", "clientMessageId", form)));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                seen.put("the REST reply to " + form, r.body());
            }
            // The WebSocket channel: a connection per form, its hello's name, a message and its id.
            for (String form : written) {
                ChatClient ws = ChatClient.connect(port, "127.0.0.61");
                ws.send(Map.of("type", "hello", "name", "Card " + form));
                ws.until("welcome");
                ws.send(Map.of("type", "message", "text", "card " + form + " please", "clientMessageId", form));
                seen.put("the WebSocket ack of " + form, ws.until("ack").toString());
                seen.put("the WebSocket reply to " + form, ws.until("message").toString());
                ws.abort();
            }
            // A fund-safety complaint, worked by staff who write every form into each field they have.
            Chat customer = chats.get(0);
            List<JsonNode> filed = post(
                    customer, "Someone used my card " + written.get(1) + " without my permission, 987 pounds gone");
            ticket = ticketNumber(filed.stream());
            String path = "/api/v1/staff/complaints/" + ticket;
            ok("POST", path + "/claim", AGENT2, null);
            ok("POST", path + "/note", AGENT2, Map.of("text", "customer read out " + all));
            ok("POST", path + "/reply", AGENT2, Map.of("text", "We saw " + all + "; never send it again."));
            ok("POST", path + "/status", AGENT2, Map.of("status", "waiting_on_customer", "reason", "checking " + all));
            ok("POST", path + "/tier", SUPERVISOR, Map.of("tier", "urgent", "reason", "cards " + all));
            ok("POST", path + "/transfer", SUPERVISOR, Map.of("queue", "senior", "reason", "cards " + all));
            ok("POST", path + "/resolve", SUPERVISOR, Map.of("remediation", "refunded to " + all));
            // An admin names an account with them; an article with one is refused.
            ok(
                    "POST",
                    "/api/v1/admin/staff",
                    ADMIN_USER,
                    Map.of(
                            "username",
                            "cardtest",
                            "displayName",
                            "Card " + written.get(0) + " " + written.get(11),
                            "role",
                            "agent",
                            "password",
                            "Rainy-kiwi-4111 1111 1111 1111-lantern"));
            var article = send(
                    "POST",
                    "/api/v1/admin/articles",
                    ADMIN_USER,
                    JSON.writeValueAsString(Map.of(
                            "id",
                            "en-card-test",
                            "language",
                            "en",
                            "title",
                            "Cards " + all,
                            "owner",
                            "cards-team",
                            "review",
                            "2027-12-31",
                            "body",
                            "**Short answer:** pay to " + all)));
            assertThat(article.statusCode()).as(article.body()).isEqualTo(400);
            seen.put("the refused article's answer", article.body());
            // A search by a card number finds nothing whole, and names it in no error either.
            seen.put(
                    "an unknown ticket's answer",
                    send(
                                    "GET",
                                    "/api/v1/staff/complaints/"
                                            + URLEncoder.encode(written.get(0), StandardCharsets.UTF_8),
                                    SUPERVISOR,
                                    null)
                            .body());
        } finally {
            logging.setLogLevel(null, LogLevel.INFO);
        }

        // Every read path.
        for (var e : seen.entrySet()) {
            noWholeCard(e.getKey(), e.getValue(), cards);
        }
        for (int i = 0; i < chats.size(); i++) {
            Chat c = chats.get(i);
            noWholeCard(
                    "the customer's messages, form " + written.get(i),
                    get("/api/v1/conversations/" + c.id() + "/messages?after=0", c.token()),
                    cards);
        }
        noWholeCard(
                "the customer's complaint",
                get("/api/v1/complaints/" + ticket, chats.get(0).token()),
                cards);
        String path = "/api/v1/staff/complaints/" + ticket;
        noWholeCard("the staff list", get("/api/v1/staff/complaints?all=true", SUPERVISOR), cards);
        noWholeCard("the staff ticket, its trail and notes", get(path, SUPERVISOR), cards);
        noWholeCard("the transcript", get(path + "/transcript", SUPERVISOR), cards);
        noWholeCard("the brief", get(path + "/brief", SUPERVISOR), cards);
        noWholeCard("the suggestions", get(path + "/suggestions", SUPERVISOR), cards);
        for (String form : cards.keySet()) {
            String q = URLEncoder.encode(form.replace("\n", " "), StandardCharsets.UTF_8);
            noWholeCard(
                    "the supervisor's search for " + form,
                    get("/api/v1/supervisor/transcripts?q=" + q, SUPERVISOR),
                    cards);
        }
        noWholeCard("the supervisor's search", get("/api/v1/supervisor/transcripts?q=card", SUPERVISOR), cards);
        noWholeCard("the CSV", get("/api/v1/supervisor/transcripts.csv?q=card", SUPERVISOR), cards);
        noWholeCard("the voice of the customer", get("/api/v1/supervisor/voice", SUPERVISOR), cards);
        noWholeCard("who holds what", get("/api/v1/supervisor/holders", SUPERVISOR), cards);
        noWholeCard("the admin's staff list", get("/api/v1/admin/staff", ADMIN_USER), cards);
        noWholeCard("the database", everyTextColumn(), cards);
        String logs = output.getAll();
        assertThat(logs).as("the capture works: the ticket is logged").contains(ticket);
        noWholeCard("the logs at DEBUG", logs, cards);
    }

    /** Every text column of every table of the test's database, row by row. */
    static String everyTextColumn() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = database();
                ResultSet columns = c.getMetaData().getColumns(null, "public", "%", "%")) {
            List<String[]> text = new ArrayList<>();
            while (columns.next()) {
                String type = columns.getString("TYPE_NAME");
                if (List.of("text", "varchar", "json", "jsonb", "bpchar").contains(type)) {
                    text.add(new String[] {columns.getString("TABLE_NAME"), columns.getString("COLUMN_NAME")});
                }
            }
            assertThat(text).as("the schema has text columns to read").hasSizeGreaterThan(10);
            for (String[] tc : text) {
                try (var s = c.createStatement();
                        var rows = s.executeQuery("SELECT \"" + tc[1] + "\"::text FROM \"" + tc[0] + "\"")) {
                    while (rows.next()) {
                        all.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    @Test
    void phoneNumbersAmountsDatesAndReferencesStayAsTyped() throws Exception {
        List<String> kept = List.of(
                "13800138000",
                "138 0013 8000",
                "+86 139 1234 5602",
                "+8613912345602",
                "+44 7911 123456",
                "¥1,500.00",
                "1 500 000 yuan",
                "2026-12-07",
                "2026.12.01-2026.12.07",
                "20261201-20260106",
                "订单号 7310248819203455663",
                "order no. 7310248819203455663",
                "C-2026-000123",
                "123e4567-e89b-12d3-a456-426614174007");
        for (String text : kept) {
            Chat c = startChat(JSON.writeValueAsString(Map.of("name", "Ada", "contact", text)));
            JsonNode stored = post(c, "please note " + text + " thanks").get(0);
            assertThat(stored.get("text").asString()).as(text).isEqualTo("please note " + text + " thanks");
            assertThat(stored.path("meta").has("masked"))
                    .as(text + " is not said to be masked")
                    .isFalse();
        }
    }

    @Test
    void aPasswordIsReadAsTyped() throws Exception {
        String password = "Rainy-kiwi-4111 1111 1111 1111-lantern";
        ok(
                "POST",
                "/api/v1/admin/staff",
                ADMIN_USER,
                Map.of("username", "cardpassword", "role", "agent", "password", password));
        assertThat(send("GET", "/api/v1/staff/me", "staff:cardpassword:" + password, null)
                        .statusCode())
                .as("the password logs in as it was typed, card-like digits and all")
                .isEqualTo(200);
    }
}
