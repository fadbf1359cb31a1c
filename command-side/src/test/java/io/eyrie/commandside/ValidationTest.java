package io.eyrie.commandside;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationTest {

    @ParameterizedTest(name = "{0} (user allowed: {1})")
    @CsvSource({
            "https://ci:ghp_token@git.example.com/acme/app.git, false",
            "https://ghp_token@git.example.com/acme/app.git, false",
            "ssh://git:hunter2@git.example.com/acme/app.git, true",
            "postgresql://app:hunter2@db.example.com/app, true",
            "s3://bucket/path?X-Amz-Signature=abc, true",
            "https://blob.example.com/c?sv=1&sig=abc, true",
            "postgresql://db.example.com/app?password=hunter2, true",
            "https://api.example.com/x?access_key=AKIA, true",
            "'not a url', true"
    })
    void aUrlCarryingASecretIsRefused(String url, boolean userAllowed) {
        assertThatThrownBy(() -> Validation.requireNoSecretIn("url", url, userAllowed))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        refused -> assertThat(refused.errors().getFirst().field()).isEqualTo("url"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://git.example.com/acme/app.git, false",
            "ssh://git@git.example.com/acme/app.git, true",
            "postgresql://db.example.com:5432/app?sslmode=require, true",
            "s3://acme-backups/eyrie?region=eu-west-1, true"
    })
    void aUrlWithoutSecretsPasses(String url, boolean userAllowed) {
        assertThatCode(() -> Validation.requireNoSecretIn("url", url, userAllowed)).doesNotThrowAnyException();
    }
}
