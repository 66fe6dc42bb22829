package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * An administrator edits the knowledge base over real HTTP and the bot answers from the change at once; every
 * change is audited with its author, and bad drafts are refused without touching the files or the trail.
 */
class ArticleAdminEndToEndTest extends OnPostgres {

    static final String ADMIN = "/api/v1/admin/articles";

    @Value("${teller.articles}")
    Path articles;

    static Map<String, Object> draft(String id, String body) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("language", "en");
        d.put("title", "Do you insure pets?");
        d.put("intents", List.of());
        d.put("questions", List.of("can I insure my dog", "is there cover for my cat's vet bills", "pet insurance"));
        d.put("tags", List.of("insurance"));
        d.put("owner", "insurance-team");
        d.put("review", "2027-12-31");
        d.put("body", body);
        return d;
    }

    JsonNode ask(String text) throws Exception {
        JsonNode started =
                JSON.readTree(send("POST", "/api/v1/conversations", null, null).body());
        String path = "/api/v1/conversations/" + started.get("conversationId").asString() + "/messages";
        HttpResponse<String> r =
                send("POST", path, started.get("token").asString(), JSON.writeValueAsString(Map.of("text", text)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body())
                .get("messages")
                .valueStream()
                .filter(m -> m.get("from").asString().equals("bot"))
                .findFirst()
                .orElseThrow();
    }

    int auditRows() throws Exception {
        try (Connection c = database();
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM article_audit")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static final String BOB_ADMIN = "staff:bob:" + "bob-password-" + java.util.UUID.randomUUID();

    /** A second administrator, made through the admin API (once per test context). */
    void bobIsAnAdmin() throws Exception {
        HttpResponse<String> r = send(
                "POST",
                "/api/v1/admin/staff",
                ADMIN_USER,
                JSON.writeValueAsString(Map.of(
                        "username",
                        "bob",
                        "displayName",
                        "Bob",
                        "role",
                        "admin",
                        "password",
                        BOB_ADMIN.substring(10))));
        assertThat(r.statusCode()).as(r.body()).isIn(201, 409);
    }

    @Test
    void anAdministratorCreatesUpdatesAndRetiresAnArticleAndTheBotFollowsAtOnce() throws Exception {
        bobIsAnAdmin();
        String id = "en-pet-insurance-it";
        String question = "can I get insurance for my dog?";
        assertThat(ask(question).get("meta").path("articleId").asString("")).isNotEqualTo(id);

        HttpResponse<String> created = send(
                "POST",
                ADMIN,
                ADMIN_USER,
                JSON.writeValueAsString(draft(
                        id, "**Short answer:** Yes: cover for cats and dogs is in the app under Insurance → Pets.")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains(ADMIN + "/" + id);
        assertThat(Files.readString(articles.resolve("en").resolve(id + ".md"))).contains("Insurance → Pets");
        JsonNode answered = ask(question);
        assertThat(answered.get("meta").get("articleId").asString()).isEqualTo(id);
        assertThat(answered.get("text").asString()).contains("cats and dogs");

        HttpResponse<String> updated = send(
                "PUT",
                ADMIN + "/" + id,
                BOB_ADMIN,
                JSON.writeValueAsString(
                        draft(id, "**Short answer:** Pet cover now includes rabbits, from 3.99 a month.")));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(ask(question).get("text").asString()).contains("rabbits");

        assertThat(send("DELETE", ADMIN + "/" + id, ADMIN_USER, null).statusCode())
                .isEqualTo(204);
        assertThat(articles.resolve("en").resolve(id + ".md")).doesNotExist();
        assertThat(send("GET", "/api/v1/articles/" + id, null, null).statusCode())
                .isEqualTo(404);
        assertThat(ask(question).get("meta").path("articleId").asString("")).isNotEqualTo(id);

        JsonNode history = JSON.readTree(
                send("GET", ADMIN + "/" + id + "/history", ADMIN_USER, null).body());
        assertThat(history.valueStream()
                        .map(h -> h.get("action").asString() + " by "
                                + h.get("actor").asString()))
                .containsExactly("create by admin", "update by bob", "retire by admin");
        assertThat(history.get(1).get("before").asString()).contains("cats and dogs");
        assertThat(history.get(1).get("after").asString()).contains("rabbits");
        assertThat(history.get(2).get("before").asString()).contains("rabbits");
        assertThat(history.get(2).get("after").isNull()).isTrue();
    }

    @Test
    void badOrUnauthorisedChangesAreRefusedAndLeaveNothingBehind() throws Exception {
        int before = auditRows();
        String good = JSON.writeValueAsString(draft("en-refused-it", "**Short answer:** Fine."));
        assertThat(send("POST", ADMIN, null, good).statusCode()).isEqualTo(401);
        assertThat(send("POST", ADMIN, "not-a-staff-login", good).statusCode()).isEqualTo(401);
        assertThat(send("POST", ADMIN, "staff:admin:wrong-password", good).statusCode())
                .isEqualTo(401);
        HttpResponse<String> forbidden = send("POST", ADMIN, AGENT, good);
        assertThat(forbidden.statusCode())
                .as("an agent is not an administrator")
                .isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type").orElse("")).contains("problem+json");

        Map<String, Object> noOwner = draft("en-refused-it", "**Short answer:** Fine.");
        noOwner.remove("owner");
        Map<String, Object> badId = draft("../../etc/passwd", "**Short answer:** Fine.");
        Map<String, Object> card = draft("en-refused-it", "**Short answer:** Pay to 4111 1111 1111 1111.");
        Map<String, Object> script = draft("en-refused-it", "**Short answer:** <script>alert(1)</script>");
        Map<String, Object> badLanguage = draft("en-refused-it", "**Short answer:** Fine.");
        badLanguage.put("language", "fr");
        Map<String, Object> badDate = draft("en-refused-it", "**Short answer:** Fine.");
        badDate.put("review", "soon");
        for (Map<String, Object> bad : List.of(noOwner, badId, card, script, badLanguage, badDate)) {
            HttpResponse<String> r = send("POST", ADMIN, ADMIN_USER, JSON.writeValueAsString(bad));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("detail").asString()).isNotBlank();
            assertThat(r.body()).doesNotContain("4111 1111 1111 1111");
        }
        assertThat(send("POST", ADMIN, ADMIN_USER, "not json").statusCode()).isEqualTo(400);
        assertThat(send("POST", ADMIN, ADMIN_USER, null).statusCode()).isEqualTo(400);

        HttpResponse<String> exists = send(
                "POST",
                ADMIN,
                ADMIN_USER,
                JSON.writeValueAsString(draft("en-card-arrival", "**Short answer:** Hijacked.")));
        assertThat(exists.statusCode()).isEqualTo(409);
        HttpResponse<String> other = send(
                "PUT",
                ADMIN + "/en-card-arrival",
                ADMIN_USER,
                JSON.writeValueAsString(draft("en-lost-card", "**Short answer:** x")));
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(send("PUT", ADMIN + "/en-no-such-article", ADMIN_USER, good).statusCode())
                .isEqualTo(404);
        assertThat(send("DELETE", ADMIN + "/en-no-such-article", ADMIN_USER, null)
                        .statusCode())
                .isEqualTo(404);

        assertThat(auditRows()).isEqualTo(before);
        assertThat(articles.resolve("en").resolve("en-refused-it.md")).doesNotExist();
        try (var files = Files.walk(articles)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")))
                    .isEmpty();
        }
        assertThat(ask("my new card still hasn't arrived").get("text").asString())
                .contains("10 working days");
        JsonNode listing = JSON.readTree(send("GET", ADMIN, ADMIN_USER, null).body());
        assertThat(listing.get("articles").size()).isGreaterThanOrEqualTo(200);
        assertThat(listing.get("problems").size()).isZero();
    }
}
