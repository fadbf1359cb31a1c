package io.eyrie.job.manifests;

import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.StepRules;
import io.eyrie.api.deployment.EnvVar;
import io.eyrie.api.deployment.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Book's template is filled with, from a job's target and its step's settings: the runner applies what it
 * renders, and a dry run shows it. It holds names and references, never a secret's value.
 */
public final class TemplateContext {
    private TemplateContext() {
    }

    /** The in-cluster URL of the deployment's first service, which a monitor checks unless told otherwise. */
    public static String serviceUrl(JobTarget target, String image) {
        Service first = services(target, image).getFirst();
        return "http://" + trafficService(target, first) + "." + target.namespace() + ".svc.cluster.local:8080/";
    }

    /** A service named like its deployment (the usual single one) does not repeat the name. */
    private static String base(JobTarget target, Service service) {
        return service.name().equals(target.name()) ? target.name() : target.name() + "-" + service.name();
    }

    /** A Service's name must start with a letter (RFC 1035); a deployment's may not. */
    private static String trafficService(JobTarget target, Service service) {
        String serviceName = Manifests.dnsLabel(base(target, service));
        return Character.isLetter(serviceName.charAt(0)) ? serviceName : Manifests.dnsLabel("s-" + serviceName);
    }

    /** What a template may use. Values are strings (quoted when written); numbers are for triple braces. */
    public static Map<String, Object> of(JobTarget target, String deploymentId, String image, Map<String, String> with,
                                         String ingressDomain) {
        String instance = Manifests.dnsLabel(target.name());
        String track = with.getOrDefault("track", "main");
        String secretName = secretName(target);
        Map<String, Object> context = new HashMap<>();
        context.put("name", instance);
        context.put("instance", instance);
        context.put("namespace", target.namespace());
        context.put("project", target.project());
        context.put("image", image);
        context.put("secretName", secretName);
        context.put("pxcSecrets", Manifests.dnsLabel(target.name() + "-pxc-users"));
        context.put("track", track);
        Integer weight = with.containsKey("weight") ? Integer.valueOf(number(with.get("weight"))) : null;
        context.put("canary", StepRules.CANARY.equals(track));
        context.put("recreate", "recreate".equals(with.get("strategy")));
        context.put("maxSurge", intOrPercent(with.getOrDefault("maxSurge", "25%")));
        context.put("maxUnavailable", intOrPercent(with.getOrDefault("maxUnavailable", "0")));
        List<Map<String, Object>> services = new ArrayList<>();
        for (Service service : services(target, image)) {
            Map<String, Object> entry = new HashMap<>();
            entry.put("name", Manifests.dnsLabel(service.name()));
            String base = base(target, service);
            entry.put("resource", Manifests.dnsLabel(base + ("main".equals(track) ? "" : "-" + track)));
            String trafficService = trafficService(target, service);
            entry.put("service", trafficService);
            entry.put("canaryService", Manifests.dnsLabel(trafficService + "-" + StepRules.CANARY));
            entry.put("serviceTrack", "main");
            entry.put("image", service.image() != null ? service.image() : image);
            entry.put("replicas", Integer.toString(weight == null ? service.replicas()
                    : canaryReplicas(service.replicas(), weight)));
            entry.put("port", "8080");
            entry.put("host", instance + "." + target.namespace() + "." + ingressDomain);
            List<Map<String, Object>> env = new ArrayList<>();
            for (EnvVar variable : service.env() == null ? List.<EnvVar>of() : service.env()) {
                env.add(Map.of("name", variable.name(), "secret", variable.secretRef() != null,
                        "key", secretKey(service, variable),
                        "value", variable.value() == null ? "" : variable.value()));
            }
            entry.put("env", env);
            services.add(entry);
        }
        context.put("services", services);
        Map<String, Object> config = target.config();
        context.put("modules", String.valueOf(config.getOrDefault("modules", "base")));
        context.put("postgresVersion", number(config.getOrDefault("postgresVersion", "17")));
        context.put("instances", number(config.getOrDefault("instances", 1)));
        context.put("size", number(config.getOrDefault("size", 3)));
        context.put("storageSize", String.valueOf(config.getOrDefault("storageSize", "1Gi")));
        context.put("pxcImage", "percona/percona-xtradb-cluster:" + config.getOrDefault("mysqlVersion", "8.0"));
        if (config.get("database") instanceof String database) {
            if (database.startsWith("pgo://")) {
                String cluster = Manifests.dnsLabel(database.substring(database.lastIndexOf('/') + 1).replaceAll("#.*", ""));
                context.put("pgo", Map.of("userSecret", cluster + "-pguser-" + cluster));
            } else {
                context.put("databaseInSecret", true);
            }
        }
        return context;
    }

    /**
     * How many canary pods beside {@code live} pods of the live track make about {@code weight} percent of all: the
     * Services spread requests over ready pods, so the share is the canary's share of the pods. One pod at least,
     * so a service with one replica gets half at the first step.
     */
    public static int canaryReplicas(int live, int weight) {
        return (int) Math.max(1, Math.round(live * weight / (100.0 - weight)));
    }

    /** A deployment with no services of its own runs its image once. */
    public static List<Service> services(JobTarget target, String image) {
        return target.services().isEmpty() ? List.of(new Service("app", image, 1, List.of())) : target.services();
    }

    /**
     * One Secret holds every service's secret values, so each key names its service ({@code web.API_KEY}): two
     * services with a variable of one name keep their own values, and no variable can be the database's key.
     */
    public static String secretKey(Service service, EnvVar env) {
        return Manifests.dnsLabel(service.name()) + "." + env.name();
    }

    public static String secretName(JobTarget target) {
        return Manifests.dnsLabel(target.name() + "-secrets");
    }

    /** Kubernetes reads "25%" as a percentage and 1 as a count; the Book's rules allow only those two shapes. */
    private static String intOrPercent(String value) {
        if (!value.matches("[0-9]{1,3}%?")) {
            throw new ManifestException("'" + value + "' is not a number of pods or a percentage");
        }
        return value.endsWith("%") ? "\"" + value + "\"" : value;
    }

    private static String number(Object value) {
        String text = String.valueOf(value);
        if (!text.matches("[0-9]{1,4}")) {
            throw new ManifestException("'" + text + "' is not a number");
        }
        return text;
    }
}
