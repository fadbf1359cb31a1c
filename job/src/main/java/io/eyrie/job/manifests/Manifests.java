package io.eyrie.job.manifests;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a Book's template into Kubernetes objects. Templates are Mustache, so they cannot run code, and every
 * {@code {{value}}} comes out as a quoted JSON string, which YAML reads as one scalar: no deployment's value can
 * add a key or a document. Only numbers Eyrie computed itself are written raw, with {@code {{{triple}}}} braces.
 * Every object gets Eyrie's labels and the deployment's namespace, and must be a kind {@link ResourceKinds} knows.
 */
public final class Manifests {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String DEPLOYMENT_LABEL = "eyrie.io/deployment";
    public static final String TRACK_LABEL = "eyrie.io/track";
    private static final String TEMPLATES = "io/eyrie/job/manifests/templates/";
    private static final Gson GSON = new Gson();

    private final Mustache.Compiler compiler = Mustache.compiler().withEscaper(GSON::toJson);
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    /** The objects of {@code template}, filled from {@code context}, in the order the template lists them. */
    public List<Rendered> render(String template, Map<String, Object> context, Map<String, String> labels, String namespace) {
        String text;
        try {
            text = templates.computeIfAbsent(template, this::compile).execute(context);
        } catch (MustacheException e) {
            throw new ManifestException("template '" + template + "' could not be filled: " + e.getMessage());
        }
        List<Rendered> objects = new ArrayList<>();
        try {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                if (document == null) {
                    continue;
                }
                JsonElement json = GSON.toJsonTree(document);
                if (!json.isJsonObject()) {
                    throw invalid(template, "a document is not an object");
                }
                objects.add(label(template, json.getAsJsonObject(), labels, namespace));
            }
        } catch (YAMLException e) {
            throw invalid(template, e.getMessage());
        }
        return objects;
    }

    /** An object ready to ensure, with the kind it is. */
    public record Rendered(ResourceKinds kind, JsonObject object) {
        public String name() {
            return Manifests.name(object);
        }
    }

    /** The labels every object Eyrie creates carries: Kubernetes' recommended ones and the deployment's id. */
    public static Map<String, String> labels(String application, String instance, String project, String deploymentId) {
        return Map.of("app.kubernetes.io/name", labelValue(application),
                "app.kubernetes.io/instance", labelValue(instance),
                "app.kubernetes.io/part-of", labelValue(project),
                MANAGED_BY, "eyrie",
                DEPLOYMENT_LABEL, labelValue(deploymentId));
    }

    public static String selector(String deploymentId) {
        return MANAGED_BY + "=eyrie," + DEPLOYMENT_LABEL + "=" + labelValue(deploymentId);
    }

    public static String name(JsonObject object) {
        JsonObject metadata = object.getAsJsonObject("metadata");
        return metadata == null || !metadata.has("name") ? "(unnamed)" : metadata.get("name").getAsString();
    }

    /**
     * A DNS label of at most 63 characters: names Eyrie derives from a deployment's name stay valid however long
     * it is, and a shortened name ends in a hash of the whole, so two long names do not collide.
     */
    public static String dnsLabel(String wanted) {
        String clean = wanted.toLowerCase().replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        if (clean.length() <= 63) {
            return clean.isEmpty() ? "x" : clean;
        }
        String hash = HexFormat.of().formatHex(sha256().digest(wanted.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        return clean.substring(0, 54).replaceAll("-+$", "") + "-" + hash;
    }

    private static String labelValue(String value) {
        String clean = value.replaceAll("[^A-Za-z0-9._-]", "-");
        clean = clean.length() > 63 ? clean.substring(0, 63) : clean;
        return clean.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private Rendered label(String template, JsonObject object, Map<String, String> labels, String namespace) {
        String apiVersion = object.has("apiVersion") ? object.get("apiVersion").getAsString() : null;
        String kindName = object.has("kind") ? object.get("kind").getAsString() : null;
        ResourceKinds kind = ResourceKinds.of(apiVersion, kindName).orElseThrow(() -> invalid(template,
                "it makes a " + kindName + " (" + apiVersion + "), which Eyrie does not create"));
        JsonObject metadata = child(object, "metadata");
        if (!metadata.has("name")) {
            throw invalid(template, "a " + kindName + " has no name");
        }
        if (kind.namespaced) {
            metadata.addProperty("namespace", namespace);
        }
        addLabels(child(metadata, "labels"), labels);
        if (kind == ResourceKinds.DEPLOYMENT || kind == ResourceKinds.JOB) {
            addLabels(child(child(child(child(object, "spec"), "template"), "metadata"), "labels"), labels);
        }
        return new Rendered(kind, object);
    }

    private static void addLabels(JsonObject target, Map<String, String> labels) {
        labels.forEach(target::addProperty);
    }

    private static JsonObject child(JsonObject parent, String key) {
        if (!parent.has(key) || !parent.get(key).isJsonObject()) {
            parent.add(key, new JsonObject());
        }
        return parent.getAsJsonObject(key);
    }

    private Template compile(String template) {
        InputStream stream = Manifests.class.getClassLoader().getResourceAsStream(TEMPLATES + template + ".yaml");
        if (stream == null) {
            throw new ManifestException("there is no template '" + template + "'");
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return compiler.compile(reader);
        } catch (IOException e) {
            throw new IllegalStateException("template " + template + " could not be read", e);
        }
    }

    private static ManifestException invalid(String template, String why) {
        return new ManifestException("template '" + template + "' made an invalid manifest: " + why);
    }
}
