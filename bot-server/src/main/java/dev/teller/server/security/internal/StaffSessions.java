package dev.teller.server.security.internal;

import dev.teller.server.security.StaffAccounts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Ends a staff page's session at its next request once its account was disabled or its password changed (by its
 * owner or reset by an admin): one look at the account's row per staff request that comes with a session. Runs
 * just after Spring Security, which has by then read the login from the session. A login by HTTP Basic alone is
 * checked afresh at every request and needs nothing of this.
 */
@Component
class StaffSessions extends OncePerRequestFilter implements Ordered {

    private final StaffAccounts accounts;
    private final ObjectMapper json;

    public StaffSessions(StaffAccounts accounts, ObjectMapper json) {
        this.accounts = accounts;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        if (session == null
                || login == null
                || !(login.getPrincipal() instanceof StaffAccounts.StaffUser user)
                || accounts.sessionValid(user)) {
            chain.doFilter(request, response);
            return;
        }
        session.invalidate();
        SecurityContextHolder.clearContext();
        if (request.getRequestURI().startsWith("/api/")
                || request.getRequestURI().startsWith("/ws/")) {
            Problems.write(
                    json,
                    request,
                    response,
                    401,
                    "Session ended",
                    "Your session has ended: the account was disabled or its password changed. Log in again.");
        } else {
            response.sendRedirect(request.getContextPath() + "/login");
        }
    }
}
