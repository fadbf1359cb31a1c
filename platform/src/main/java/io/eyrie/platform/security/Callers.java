package io.eyrie.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;

/** Turns a verified token into a {@link Caller}, reading the platform-admin claim the configuration names. */
public final class Callers {
    private final String adminClaim;
    private final String adminValue;

    public Callers(SecurityProperties properties) {
        this.adminClaim = properties.platformAdminClaim();
        this.adminValue = properties.platformAdminValue();
    }

    public Caller from(Jwt token) {
        Object claim = token.getClaims().get(adminClaim);
        boolean admin = claim instanceof Collection<?> values ? values.contains(adminValue) : adminValue.equals(claim);
        return new Caller(token.getSubject(), admin);
    }
}
