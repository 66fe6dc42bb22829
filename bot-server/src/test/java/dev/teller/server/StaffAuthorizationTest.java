package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who reaches which API: customers never the staff ones, agents not the supervisor or admin ones. */
class StaffAuthorizationTest extends OnPostgres {

    @Test
    void aCustomerTokenOpensNoStaffApi() throws Exception {
        JsonNode c =
                JSON.readTree(send("POST", "/api/v1/conversations", null, null).body());
        String token = c.get("token").asString();
        for (String path : new String[] {
            "/api/v1/staff/complaints", "/api/v1/staff/me", "/api/v1/staff/nps", "/api/v1/admin/articles"
        }) {
            HttpResponse<String> r = send("GET", path, token, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            assertThat(JSON.readTree(r.body()).get("detail").asString()).contains("staff login");
        }
        assertThat(send("GET", "/api/v1/staff/complaints", null, null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void eachRoleReachesItsOwnApisAndNoMore() throws Exception {
        assertThat(JSON.readTree(send("GET", "/api/v1/staff/me", AGENT, null).body())
                        .get("role")
                        .asString())
                .isEqualTo("AGENT");
        assertThat(send("GET", "/api/v1/staff/complaints", AGENT, null).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/staff/nps", AGENT, null).statusCode())
                .as("supervisor only")
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/staff/win-back", AGENT, null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/admin/staff", AGENT, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/staff/nps", SUPERVISOR, null).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/staff/complaints", SUPERVISOR, null).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/admin/staff", SUPERVISOR, null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/admin/staff", ADMIN_USER, null).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/staff/nps", ADMIN_USER, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void adminsCreateAccountsWithHashedPasswordsAndSaneValues() throws Exception {
        String password = "a-long-enough-password";
        Map<String, Object> carol =
                Map.of("username", "carol", "displayName", "Carol", "role", "supervisor", "password", password);
        HttpResponse<String> made = send("POST", "/api/v1/admin/staff", ADMIN_USER, JSON.writeValueAsString(carol));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(made.body()).doesNotContain(password);
        assertThat(send("POST", "/api/v1/admin/staff", ADMIN_USER, JSON.writeValueAsString(carol))
                        .statusCode())
                .isEqualTo(409);
        assertThat(send("GET", "/api/v1/staff/nps", "staff:carol:" + password, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/staff/nps", "staff:carol:wrong", null).statusCode())
                .isEqualTo(401);
        for (Map<String, Object> bad : new Map[] {
            Map.of("username", "dave", "role", "agent", "password", "short"),
            Map.of("username", "Bad Name!", "role", "agent", "password", password),
            Map.of("username", "erin", "role", "king", "password", password),
            Map.of("username", "fred", "role", "agent", "password", password, "queues", java.util.List.of("vip"))
        }) {
            HttpResponse<String> r = send("POST", "/api/v1/admin/staff", ADMIN_USER, JSON.writeValueAsString(bad));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        }
        try (var c = database();
                var rs = c.createStatement().executeQuery("SELECT password_hash FROM staff WHERE username = 'carol'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("{bcrypt}").doesNotContain(password);
        }
    }
}
