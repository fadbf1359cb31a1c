package io.eyrie.api.monitor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorRulesTest {

    private static MonitorSpec http(String url) {
        return new MonitorSpec(MonitorType.HTTP_REQUEST, null, null, null, url, null, null, null, null, null, null,
                null, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data", "http://169.254.0.1:8080/",
            "http://[fe80::1]/", "http://[::ffff:169.254.169.254]/", "http://[fd00:ec2::254]/",
            "http://metadata.google.internal/computeMetadata/v1/", "http://METADATA/"})
    void linkLocalAndMetadataAddressesAreRefused(String url) {
        assertThat(MonitorRules.urlProblem(url)).contains("metadata");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://shop.example.com/|must be an http or https URL with a host",
            "https://user:pass@shop.example.com/|must not carry credentials",
            "not a url|is not a URL",
            "https:///health|must be an http or https URL with a host"})
    void otherBadUrlsSayWhatIsWrong(String url, String problem) {
        assertThat(MonitorRules.urlProblem(url)).contains(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example.com/health", "http://localhost:9999/", "http://10.0.0.7:8069/web",
            "http://[::1]:8080/", "http://shop.acme-dev.svc.cluster.local/"})
    void ordinaryUrlsPass(String url) {
        assertThat(MonitorRules.urlProblem(url)).isNull();
    }

    @Test
    void resolvedAddressesAreJudgedToo() throws Exception {
        assertThat(MonitorRules.blocked(InetAddress.getByName("169.254.169.254"))).isTrue();
        assertThat(MonitorRules.blocked(InetAddress.getByName("fe80::abcd"))).isTrue();
        assertThat(MonitorRules.blocked(InetAddress.getByName("::169.254.1.1"))).isTrue();
        assertThat(MonitorRules.blocked(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(MonitorRules.blocked(InetAddress.getByName("10.1.2.3"))).isFalse();
    }

    @Test
    void aCreationGetsTheDefaultsOfItsType() {
        MonitorSpec http = MonitorRules.withDefaults(http(null), "http://shop.acme.svc.cluster.local/");
        assertThat(http).isEqualTo(new MonitorSpec(MonitorType.HTTP_REQUEST, "http-request", 30, 3,
                "http://shop.acme.svc.cluster.local/", "GET", List.of(), null, 5000, 1000, null, null, null, null));
        assertThat(MonitorRules.problems(http)).isEmpty();

        MonitorSpec resource = MonitorRules.withDefaults(new MonitorSpec(MonitorType.RESOURCE, "pods", null, null,
                null, null, null, null, null, null, null, null, null, null), "http://unused/");
        assertThat(resource).isEqualTo(new MonitorSpec(MonitorType.RESOURCE, "pods", 30, 3, null, null, null, null,
                null, null, 80, 95, 80, 95));
        assertThat(MonitorRules.problems(resource)).isEmpty();
    }

    @Test
    void eachBadFieldIsNamed() {
        MonitorSpec bad = new MonitorSpec(MonitorType.HTTP_REQUEST, "Web!", 4, 0, "http://169.254.169.254/", "DELETE",
                List.of(99, 200), "", 20_000, 20_000, 50, null, null, null);
        assertThat(MonitorRules.problems(bad)).extracting(MonitorRules.Problem::field).containsExactly("name",
                "intervalSeconds", "failuresToError", "url", "method", "expectedStatus", "bodyContains",
                "timeoutMillis", "latencyWarningMillis", "cpuWarningPercent");
    }

    @Test
    void resourceThresholdsMustRiseFromWarningToError() {
        MonitorSpec inverted = new MonitorSpec(MonitorType.RESOURCE, "pods", 30, 3, null, null, null, null, null, null,
                90, 80, 80, 101);
        assertThat(MonitorRules.problems(inverted)).extracting(MonitorRules.Problem::field)
                .containsExactly("cpuWarningPercent", "memoryErrorPercent");
    }

    @Test
    void aMissingTypeIsTheOnlyProblemReported() {
        assertThat(MonitorRules.problems(new MonitorSpec(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null))).extracting(MonitorRules.Problem::field).containsExactly("type");
    }

    @Test
    void withoutAListAny2xxPasses() {
        assertThat(http("http://x/").expects(204)).isTrue();
        assertThat(http("http://x/").expects(302)).isFalse();
        MonitorSpec only = new MonitorSpec(MonitorType.HTTP_REQUEST, "w", 30, 3, "http://x/", "GET", List.of(200, 302),
                null, 1000, 500, null, null, null, null);
        assertThat(only.expects(302)).isTrue();
        assertThat(only.expects(204)).isFalse();
    }

    @Test
    void theWorstStateWinsAndUnknownRanksBelowOk() {
        assertThat(MonitorState.worst(List.of(MonitorState.OK, MonitorState.ERROR, MonitorState.WARNING)))
                .isEqualTo(MonitorState.ERROR);
        assertThat(MonitorState.worst(List.of(MonitorState.UNKNOWN, MonitorState.OK))).isEqualTo(MonitorState.OK);
        assertThat(MonitorState.worst(List.of())).isNull();
    }
}
