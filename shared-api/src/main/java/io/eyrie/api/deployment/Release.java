package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import io.eyrie.api.project.Strategy;

import java.util.List;

/**
 * An immutable, numbered snapshot of every service of a deployment as one deploy applied it. Secret values appear
 * only as references in {@code env}.
 *
 * @param rollbackOf the release whose snapshot this one repeats, or null
 * @param strategy   how the deploy replaced what ran
 */
public record Release(int version, List<ReleasedService> services, String commitRef, String notes,
                      Integer rollbackOf, JobId jobId, Strategy strategy) {

    public Release {
        services = List.copyOf(services);
    }

    /** Whether deploying {@code other} would change anything that runs. */
    public boolean sameAs(List<ReleasedService> otherServices, String otherCommitRef) {
        return services.equals(otherServices) && java.util.Objects.equals(commitRef, otherCommitRef);
    }

    /** One service of a release: {@code digest} pins the image when it is known (from a registry push). */
    public record ReleasedService(String name, String image, String digest, int replicas, List<EnvVar> env) {
        public ReleasedService {
            env = env == null ? List.of() : List.copyOf(env);
        }

        /** The image reference a cluster pulls: by digest when it is known. */
        public String reference() {
            if (digest == null) {
                return image;
            }
            String base = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
            return base + "@" + digest;
        }

        public Service toService() {
            return new Service(name, reference(), replicas, env);
        }
    }
}
