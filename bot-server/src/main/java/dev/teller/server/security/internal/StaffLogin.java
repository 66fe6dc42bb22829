package dev.teller.server.security.internal;

import dev.teller.server.security.StaffAccounts;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * How a member of staff logs in, by HTTP Basic or the login form: the account's failed logins are looked at first
 * (a try that must wait, or a locked account, is refused without a password check), then Spring Security's
 * password check against the {@code staff} table; a failure is counted, a success clears the count. A disabled
 * account is refused only after its password was right, so that the answer tells a guesser nothing.
 */
@Component
class StaffLogin implements AuthenticationProvider {

    private final LoginThrottle throttle;
    private final DaoAuthenticationProvider passwords;

    public StaffLogin(StaffAccounts accounts, LoginThrottle throttle, PasswordEncoder encoder) {
        this.throttle = throttle;
        this.passwords = new DaoAuthenticationProvider(accounts::loadUser);
        this.passwords.setPasswordEncoder(encoder);
        this.passwords.setPreAuthenticationChecks(user -> {});
        this.passwords.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw LoginRefused.disabled();
            }
        });
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        String username = StaffAccounts.normalise(login.getName());
        LoginState before = throttle.check(username);
        Authentication done;
        try {
            if (login.getCredentials() instanceof String p && !PasswordRule.fitsBcrypt(p)) {
                throw new BadCredentialsException(LoginThrottle.WRONG);
            }
            done = passwords.authenticate(login);
        } catch (BadCredentialsException e) {
            throw throttle.failed(
                    username, login.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null);
        }
        throttle.succeeded(username, before);
        return done;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
