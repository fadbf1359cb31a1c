package io.eyrie.commandside.deployment;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionInput.ServiceVersion;
import io.eyrie.api.deployment.ActionInput;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.Release.ReleasedService;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.Service;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.directory.Directory.LatestPush;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a deploy-family action would deploy: the services of the release it records, and the spec the deployment
 * has afterwards. The spec is what was last asked for, so a redeploy after a rollback deploys the rolled-back
 * version again, never the bad one.
 */
final class Releases {
    private Releases() {
    }

    record Candidate(List<ReleasedService> services, String commitRef, Integer rollbackOf, DeploymentSpec spec) {
    }

    /** {@code push} is the subscribed image's newest push, for deploy-latest. */
    static Candidate candidate(Action action, ActionInput input, DeploymentSpec spec, Release active,
                               Map<Integer, Release> releases, Set<Integer> everActive, LatestPush push) {
        return switch (action) {
            case ROLLBACK -> rollback(input.release(), spec, active, releases, everActive);
            case DEPLOY -> input.namesVersion() ? otherVersion(input, spec, active) : current(spec, active);
            case REDEPLOY -> current(spec, active);
            case DEPLOY_LATEST -> latest(spec, active, push);
            default -> throw new IllegalArgumentException(action.wire() + " records no release");
        };
    }

    /** The spec as it is; a service keeps the digest it was deployed with while its image stays the same. */
    static Candidate current(DeploymentSpec spec, Release active) {
        return new Candidate(spec.services().stream().map(service -> released(service, null, active)).toList(),
                spec.commitRef(), null, spec);
    }

    /** The services that run the subscribed image move to its newest push, pinned by digest. */
    private static Candidate latest(DeploymentSpec spec, Release active, LatestPush push) {
        List<Service> nextServices = spec.services().stream()
                .map(service -> repository(service.image()).equals(push.name())
                        ? new Service(service.name(), push.taggedImage(), service.replicas(), service.env()) : service)
                .toList();
        List<ReleasedService> released = nextServices.stream()
                .map(service -> released(service, service.image().equals(push.taggedImage()) ? push.digest() : null,
                        active))
                .toList();
        String image = repository(spec.image()).equals(push.name()) ? push.taggedImage() : spec.image();
        return new Candidate(released, spec.commitRef(), null, with(spec, image, spec.commitRef(), nextServices));
    }

    /** {@code registry:5000/shop} of {@code registry:5000/shop:1.2@sha256:...}. */
    static String repository(String image) {
        if (image == null) {
            return "";
        }
        String reference = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(0, colon) : reference;
    }

    private static Candidate rollback(Integer version, DeploymentSpec spec, Release active,
                                      Map<Integer, Release> releases, Set<Integer> everActive) {
        if (version == null) {
            throw new InvalidInputException("release", "is required: the number of the release to roll back to");
        }
        Release target = releases.get(version);
        if (target == null) {
            throw new InvalidInputException("release", "this deployment has no release " + version);
        }
        if (!everActive.contains(version)) {
            throw new InvalidInputException("release", "release " + version
                    + " never ran successfully; roll back to one that was active");
        }
        if (active != null && active.version() == version) {
            throw new InvalidInputException("release", "release " + version + " is the active one");
        }
        return new Candidate(target.services(), target.commitRef(), version, specOf(spec, target));
    }

    /** The spec with a release's services and commit: what a rollback, or a restore after a cancel, asks for. */
    static DeploymentSpec specOf(DeploymentSpec spec, Release target) {
        List<Service> services = target.services().stream()
                .map(service -> new Service(service.name(), service.image(), service.replicas(), service.env()))
                .toList();
        // The services that ran the deployment's image name its image in the release.
        String image = spec.services().stream().filter(service -> Objects.equals(service.image(), spec.image()))
                .findFirst().flatMap(service -> find(target, service.name())).map(ReleasedService::image)
                .orElse(spec.image());
        return with(spec, image, target.commitRef(), services);
    }

    /**
     * Qovery's deploy other version. With {@code services}, only those change (a partial deploy) and the others are
     * inherited from the active release; with {@code image}, the services that ran the deployment's image follow it.
     */
    private static Candidate otherVersion(ActionInput input, DeploymentSpec spec, Release active) {
        List<Service> nextServices = new ArrayList<>(spec.services());
        List<String> changed = new ArrayList<>();
        if (input.services() != null) {
            for (int i = 0; i < input.services().size(); i++) {
                ServiceVersion requested = input.services().get(i);
                int at = indexOf(nextServices, requested.name());
                if (at < 0) {
                    throw new InvalidInputException("services[" + i + "].name", "is not a service of this deployment; "
                            + "it has " + String.join(", ", spec.services().stream().map(Service::name).toList()));
                }
                if (changed.contains(requested.name())) {
                    throw new InvalidInputException("services[" + i + "].name", "is listed twice");
                }
                Service was = nextServices.get(at);
                nextServices.set(at, new Service(was.name(), or(requested.image(), was.image()),
                        requested.replicas() != null ? requested.replicas() : was.replicas(), or(requested.env(), was.env())));
                changed.add(requested.name());
            }
        } else if (input.image() != null) {
            for (int i = 0; i < nextServices.size(); i++) {
                Service was = nextServices.get(i);
                if (Objects.equals(was.image(), spec.image())) {
                    nextServices.set(i, new Service(was.name(), input.image(), was.replicas(), was.env()));
                    changed.add(was.name());
                }
            }
        }
        String image = input.image() != null ? input.image() : spec.image();
        String commitRef = or(input.commitRef(), spec.commitRef());
        List<ReleasedService> released = new ArrayList<>();
        for (Service service : nextServices) {
            Optional<ReleasedService> inherited = active == null || changed.contains(service.name())
                    || input.services() == null ? Optional.empty() : find(active, service.name());
            released.add(inherited.orElseGet(() -> released(service,
                    Objects.equals(service.image(), input.image()) ? input.digest() : null, active)));
        }
        return new Candidate(released, commitRef, null, with(spec, image, commitRef, nextServices));
    }

    private static ReleasedService released(Service service, String digest, Release active) {
        String kept = digest != null ? digest : active == null ? null : find(active, service.name())
                .filter(was -> Objects.equals(was.image(), service.image()))
                .map(ReleasedService::digest)
                .orElse(null);
        return new ReleasedService(service.name(), service.image(), kept, service.replicas(), service.env());
    }

    private static Optional<ReleasedService> find(Release release, String name) {
        return release.services().stream().filter(service -> service.name().equals(name)).findFirst();
    }

    private static int indexOf(List<Service> services, String name) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static DeploymentSpec with(DeploymentSpec spec, String image, String commitRef, List<Service> services) {
        return new DeploymentSpec(spec.scope(), spec.clusters(), spec.repository(), spec.branch(), image, commitRef,
                services, spec.config(), spec.subscribeTo());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
