package io.eyrie.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results as Markdown: a table of the setup, a table of the measurements next to their targets (reported,
 * never asserted), notes, and the error if the run failed. Filled in as the run goes, so a failed or stopped run
 * still shows what it measured.
 */
final class Report {
    private record Metric(String name, String measured, String target, Boolean met, String notes) {
    }

    private final Instant started = Instant.now();
    private final List<String[]> setup = new ArrayList<>();
    private final List<Metric> metrics = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String failure;

    synchronized void setup(String key, Object value) {
        setup.add(new String[]{key, String.valueOf(value)});
    }

    /** A measurement without a target. */
    synchronized void metric(String name, String measured, String notes) {
        metrics.add(new Metric(name, measured, "", null, notes));
    }

    /** A measurement next to its target; {@code met} is shown, not enforced. */
    synchronized void metric(String name, String measured, String target, boolean met, String notes) {
        metrics.add(new Metric(name, measured, target, met, notes));
    }

    synchronized void note(String note) {
        notes.add(note);
    }

    synchronized void failed(String stage, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        failure = "The run failed during **" + stage + "**; the table shows what was measured before that.\n\n```\n"
                + trace + "```\n";
    }

    synchronized String markdown() {
        StringBuilder md = new StringBuilder("# Eyrie benchmark\n\n");
        md.append("Run started ").append(started).append(".\n\n");
        md.append("| Setup | Value |\n|---|---|\n");
        for (String[] row : setup) {
            md.append("| ").append(cell(row[0])).append(" | ").append(cell(row[1])).append(" |\n");
        }
        md.append("\n| Metric | Measured | Target | Met | Notes |\n|---|---:|---|---|---|\n");
        for (Metric m : metrics) {
            md.append("| ").append(cell(m.name()))
                    .append(" | ").append(cell(m.measured()))
                    .append(" | ").append(cell(m.target()))
                    .append(" | ").append(m.met() == null ? "" : m.met() ? "yes" : "**no**")
                    .append(" | ").append(cell(m.notes())).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\nNotes:\n\n");
            for (String note : notes) {
                md.append("- ").append(note).append('\n');
            }
        }
        if (failure != null) {
            md.append("\n## Failure\n\n").append(failure);
        }
        return md.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown());
    }

    static String rate(double perSecond, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s", perSecond, unit);
    }

    static String millis(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String ratio(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : String.format(Locale.ROOT, "%.3f", ratio);
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
