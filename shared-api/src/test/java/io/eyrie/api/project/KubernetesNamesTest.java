package io.eyrie.api.project;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesNamesTest {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    @Test
    void projectNamespacesAreDnsLabelsOfTheNamespaceUid() {
        String uid = UUID.randomUUID().toString();
        String name = KubernetesNames.projectNamespace(uid);
        assertThat(name).matches(DNS_LABEL).hasSize(32).startsWith("eyrie-");
        assertThat(KubernetesNames.projectNamespace(uid)).isEqualTo(name);
    }

    @Test
    void deploymentNamespacesFitAndReadWell() {
        String id = UUID.randomUUID().toString();
        assertThat(KubernetesNames.deploymentNamespace("acme", "shop", id))
                .matches(DNS_LABEL).startsWith("acme-shop-").hasSize("acme-shop-".length() + 26);
    }

    @Test
    void theLongestNamesStayValidAndNeverCollide() {
        String longest = "a".repeat(39) + "z";
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String name = KubernetesNames.deploymentNamespace(longest, longest, UUID.randomUUID().toString());
            assertThat(name).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(KubernetesNames.MAX_LENGTH);
            names.add(name);
        }
        assertThat(names).hasSize(10_000);
    }

    @Test
    void aCutNeverLeavesADashAtTheEndOfTheReadablePart() {
        // 36 readable characters end exactly on the dash between project and deployment.
        String project = "p".repeat(35);
        String name = KubernetesNames.deploymentNamespace(project, "web", UUID.randomUUID().toString());
        assertThat(name).matches(DNS_LABEL).doesNotContain("--");
    }

    @Test
    void base32OfAUuidIs26Characters() {
        assertThat(KubernetesNames.base32(new UUID(0, 0))).isEqualTo("a".repeat(26));
        assertThat(KubernetesNames.base32(new UUID(-1, -1))).isEqualTo("7".repeat(25) + "4");
    }
}
