package io.eyrie.api.monitor;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one reading of what a monitor may be: its defaults, its limits, and the addresses no check may reach. The
 * command side refuses a spec these reject; the runner checks each resolved address again before it connects, so a
 * name that later resolves to a metadata address is still not reached.
 */
public final class MonitorRules {
    public static final int DEFAULT_INTERVAL = 30;
    public static final int MIN_INTERVAL = 5;
    public static final int MAX_INTERVAL = 86_400;
    public static final int DEFAULT_FAILURES = 3;
    public static final int MAX_FAILURES = 100;
    public static final int DEFAULT_TIMEOUT = 5_000;
    public static final int MIN_TIMEOUT = 100;
    public static final int MAX_TIMEOUT = 60_000;
    public static final int DEFAULT_LATENCY_WARNING = 1_000;
    public static final int MAX_BODY_MATCH = 1_000;
    public static final int MAX_URL = 2_000;
    public static final int DEFAULT_WARNING_PERCENT = 80;
    public static final int DEFAULT_ERROR_PERCENT = 95;
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** Cloud metadata services known by name; their addresses are refused below as well. */
    private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal",
            "metadata.azure.internal", "instance-data", "instance-data.ec2.internal");

    private MonitorRules() {
    }

    /** A problem with one field of a spec. */
    public record Problem(String field, String message) {
    }

    /** The spec a creation asks for, with every default a field left out takes. */
    public static MonitorSpec withDefaults(MonitorSpec asked, String defaultUrl) {
        boolean http = asked.type() == MonitorType.HTTP_REQUEST;
        boolean resource = asked.type() == MonitorType.RESOURCE;
        return new MonitorSpec(asked.type(), asked.name() != null ? asked.name() : asked.type() == null ? null
                : asked.type().wire().replace('_', '-'),
                or(asked.intervalSeconds(), DEFAULT_INTERVAL), or(asked.failuresToError(), DEFAULT_FAILURES),
                http ? or(asked.url(), defaultUrl) : asked.url(),
                http ? or(asked.method(), "GET") : asked.method(),
                http ? or(asked.expectedStatus(), List.of()) : asked.expectedStatus(),
                asked.bodyContains(),
                http ? or(asked.timeoutMillis(), DEFAULT_TIMEOUT) : asked.timeoutMillis(),
                http ? or(asked.latencyWarningMillis(), DEFAULT_LATENCY_WARNING) : asked.latencyWarningMillis(),
                resource ? or(asked.cpuWarningPercent(), DEFAULT_WARNING_PERCENT) : asked.cpuWarningPercent(),
                resource ? or(asked.cpuErrorPercent(), DEFAULT_ERROR_PERCENT) : asked.cpuErrorPercent(),
                resource ? or(asked.memoryWarningPercent(), DEFAULT_WARNING_PERCENT) : asked.memoryWarningPercent(),
                resource ? or(asked.memoryErrorPercent(), DEFAULT_ERROR_PERCENT) : asked.memoryErrorPercent());
    }

    /** Everything wrong with a complete spec; empty when it may be stored. */
    public static List<Problem> problems(MonitorSpec spec) {
        List<Problem> problems = new ArrayList<>();
        if (spec.type() == null) {
            problems.add(new Problem("type", "must be one of " + MonitorType.choices()));
            return problems;
        }
        if (spec.name() == null || !spec.name().matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            problems.add(new Problem("name", "must be 1-63 lower-case letters, digits or '-'"));
        }
        range(problems, "intervalSeconds", spec.intervalSeconds(), MIN_INTERVAL, MAX_INTERVAL);
        range(problems, "failuresToError", spec.failuresToError(), 1, MAX_FAILURES);
        if (spec.type() == MonitorType.HTTP_REQUEST) {
            httpProblems(spec, problems);
            absent(problems, spec.cpuWarningPercent(), "cpuWarningPercent", spec.cpuErrorPercent(), "cpuErrorPercent",
                    spec.memoryWarningPercent(), "memoryWarningPercent", spec.memoryErrorPercent(), "memoryErrorPercent");
        } else {
            percents(problems, "cpu", spec.cpuWarningPercent(), spec.cpuErrorPercent());
            percents(problems, "memory", spec.memoryWarningPercent(), spec.memoryErrorPercent());
            absent(problems, spec.url(), "url", spec.method(), "method", spec.bodyContains(), "bodyContains",
                    spec.timeoutMillis(), "timeoutMillis", spec.latencyWarningMillis(), "latencyWarningMillis");
            if (spec.expectedStatus() != null && !spec.expectedStatus().isEmpty()) {
                problems.add(new Problem("expectedStatus", "is for http_request monitors only"));
            }
        }
        return problems;
    }

    private static void httpProblems(MonitorSpec spec, List<Problem> problems) {
        String urlProblem = urlProblem(spec.url());
        if (urlProblem != null) {
            problems.add(new Problem("url", urlProblem));
        }
        if (spec.method() == null || !METHODS.contains(spec.method())) {
            problems.add(new Problem("method", "must be one of " + String.join(", ", METHODS.stream().sorted().toList())));
        }
        if (spec.expectedStatus() != null && spec.expectedStatus().stream().anyMatch(code -> code == null || code < 100 || code > 599)) {
            problems.add(new Problem("expectedStatus", "must be HTTP status codes between 100 and 599"));
        }
        if (spec.bodyContains() != null && (spec.bodyContains().isEmpty() || spec.bodyContains().length() > MAX_BODY_MATCH)) {
            problems.add(new Problem("bodyContains", "must be 1-" + MAX_BODY_MATCH + " characters"));
        }
        range(problems, "timeoutMillis", spec.timeoutMillis(), MIN_TIMEOUT, MAX_TIMEOUT);
        if (spec.timeoutMillis() != null && spec.intervalSeconds() != null
                && spec.timeoutMillis() >= spec.intervalSeconds() * 1000L) {
            problems.add(new Problem("timeoutMillis", "must be shorter than the interval"));
        }
        range(problems, "latencyWarningMillis", spec.latencyWarningMillis(), 1, MAX_TIMEOUT);
        if (spec.latencyWarningMillis() != null && spec.timeoutMillis() != null
                && spec.latencyWarningMillis() >= spec.timeoutMillis()) {
            problems.add(new Problem("latencyWarningMillis", "must be shorter than timeoutMillis"));
        }
    }

    /** Why a check may not go to this URL, or null when it may. */
    public static String urlProblem(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            return "must be an http or https URL of at most " + MAX_URL + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return "must be an http or https URL with a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials: a monitor's URL is stored in events";
        }
        return hostProblem(uri.getHost());
    }

    /** Why a check may not go to this host as written (a name or a literal address), or null. */
    public static String hostProblem(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        if (METADATA_HOSTS.contains(lower) || METADATA_HOSTS.contains(lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower)) {
            return "must not point at a cloud metadata service";
        }
        if (!isLiteral(lower)) {
            return null;
        }
        try {
            return blocked(InetAddress.getByName(lower)) ? "must not point at a link-local or metadata address" : null;
        } catch (UnknownHostException e) {
            return "is not a valid address";
        }
    }

    /** Link-local (169.254.0.0/16, fe80::/10, IPv4-mapped or compatible forms of them) and AWS's IPv6 metadata. */
    public static boolean blocked(InetAddress address) {
        if (address.isLinkLocalAddress()) {
            return true;
        }
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            // fd00:ec2::254
            if ((bytes[0] & 0xff) == 0xfd && bytes[1] == 0 && (bytes[2] & 0xff) == 0x0e && (bytes[3] & 0xff) == 0xc2
                    && allZero(bytes, 4, 14) && bytes[14] == 0x02 && (bytes[15] & 0xff) == 0x54) {
                return true;
            }
            // ::169.254.x.x (compatible) and ::ffff:169.254.x.x (mapped; Java usually turns those into Inet4Address)
            boolean embeds = allZero(bytes, 0, 10) && (bytes[10] == 0 && bytes[11] == 0
                    || (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff);
            return embeds && (bytes[12] & 0xff) == 169 && (bytes[13] & 0xff) == 254;
        }
        return address instanceof Inet4Address && (address.getAddress()[0] & 0xff) == 169
                && (address.getAddress()[1] & 0xff) == 254;
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void percents(List<Problem> problems, String what, Integer warning, Integer error) {
        range(problems, what + "WarningPercent", warning, 1, 100);
        range(problems, what + "ErrorPercent", error, 1, 100);
        if (warning != null && error != null && warning >= error) {
            problems.add(new Problem(what + "WarningPercent", "must be below " + what + "ErrorPercent"));
        }
    }

    private static void range(List<Problem> problems, String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            problems.add(new Problem(field, "must be between " + min + " and " + max));
        }
    }

    /** Pairs of (value, field): each value must be null, since the type does not use it. */
    private static void absent(List<Problem> problems, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] != null) {
                problems.add(new Problem((String) pairs[i + 1], "is not used by this type of monitor"));
            }
        }
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
