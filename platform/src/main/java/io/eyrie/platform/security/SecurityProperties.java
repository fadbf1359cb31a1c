package io.eyrie.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * How callers are authenticated. Exactly one of {@code issuerUri} (production: any OIDC issuer) or
 * {@code devPublicKey} (the local run's signing key, as a public JWK file) must be set.
 *
 * @param platformAdminClaim a claim holding a string or a list of strings
 * @param platformAdminValue the value in that claim that makes the caller a platform admin
 * @param audience           when set, a token's {@code aud} must name it, so a token the issuer minted for
 *                           another application is refused here
 */
@ConfigurationProperties("eyrie.security")
public record SecurityProperties(String issuerUri,
                                 Path devPublicKey,
                                 @DefaultValue("groups") String platformAdminClaim,
                                 @DefaultValue("eyrie-platform-admins") String platformAdminValue,
                                 String audience) {
}
