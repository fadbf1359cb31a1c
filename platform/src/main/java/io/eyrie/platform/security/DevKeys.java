package io.eyrie.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local run's development signing key and tokens: a stand-in for an OIDC provider, for one machine only.
 * The key is made once in the data folder (readable by its owner only); the services get only its public half.
 */
public final class DevKeys {
    public static final String ISSUER = "eyrie-local";
    public static final String PRIVATE_KEY_FILE = "dev-signing-key.jwk";
    public static final String PUBLIC_KEY_FILE = "dev-signing-key.public.jwk";
    public static final String TOKENS_FILE = "dev-tokens.json";
    /** {@code root} is a platform admin; the others start with no role anywhere. */
    public static final List<String> DEMO_USERS = List.of("root", "alice", "bob", "carol", "dave");
    public static final String PLATFORM_ADMIN = "root";
    private static final Duration LONG_LIVED = Duration.ofDays(3650);

    private final RSAKey key;
    private final Path directory;

    private DevKeys(RSAKey key, Path directory) {
        this.key = key;
        this.directory = directory;
    }

    /** Loads the key in {@code directory}, making it (and the demo tokens) the first time. */
    public static DevKeys ensure(Path directory) {
        try {
            Files.createDirectories(directory);
            Path privateKey = directory.resolve(PRIVATE_KEY_FILE);
            DevKeys keys;
            if (Files.exists(privateKey)) {
                keys = new DevKeys(RSAKey.parse(Files.readString(privateKey)), directory);
            } else {
                RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
                writeOwnerOnly(privateKey, key.toJSONString());
                keys = new DevKeys(key, directory);
            }
            Files.writeString(keys.publicKeyFile(), keys.key.toPublicJWK().toJSONString());
            if (!Files.exists(keys.tokensFile())) {
                keys.writeDemoTokens();
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the development key in " + directory, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the development key in " + directory + " is unreadable; delete "
                    + PRIVATE_KEY_FILE + " to make a new one", e);
        }
    }

    /** A fresh key in a new temporary folder, for tests. */
    public static DevKeys temporary() {
        try {
            return ensure(Files.createTempDirectory("eyrie-dev-keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The property that points a service at this key's public half. */
    public Map<String, String> serviceProperties() {
        return Map.of("eyrie.security.dev-public-key", publicKeyFile().toString());
    }

    public Path publicKeyFile() {
        return directory.resolve(PUBLIC_KEY_FILE);
    }

    public Path tokensFile() {
        return directory.resolve(TOKENS_FILE);
    }

    /** A long-lived token for {@code user}; {@code platformAdmin} puts it in the platform admins' group. */
    public String token(String user, boolean platformAdmin) {
        return sign(user, platformAdmin, Instant.now().plus(LONG_LIVED));
    }

    public String token(String user) {
        return token(user, false);
    }

    /** A token that has already expired, for tests of refusal. */
    public String expiredToken(String user) {
        return sign(user, false, Instant.now().minusSeconds(60));
    }

    private String sign(String user, boolean platformAdmin, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user)
                .issueTime(Date.from(earliest(Instant.now(), expiresAt.minus(Duration.ofHours(1)))))
                .expirationTime(Date.from(expiresAt))
                .claim("preferred_username", user);
        if (platformAdmin) {
            claims.claim("groups", List.of("eyrie-platform-admins"));
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void writeDemoTokens() throws IOException {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String user : DEMO_USERS) {
            tokens.put(user, token(user, PLATFORM_ADMIN.equals(user)));
        }
        writeOwnerOnly(tokensFile(), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(tokens));
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's own permissions apply.
        }
    }
}
