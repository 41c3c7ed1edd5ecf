import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the figures scripts/bench.sh collected (DIR/rounds.tsv: key, round, value; DIR/meta.tsv: key, value) into
 * DIR/results.md and DIR/results.json, and prints the table. A figure is the median of its rounds; a ratio is taken
 * within each round first, and its median is reported.
 *
 *   java scripts/bench/Report.java DIR
 */
public class Report {

    record Row(String section, String label, String key, String unit, String target) {
    }

    static List<Row> rows(Map<String, String> meta) {
        String c = meta.getOrDefault("connections", "2");
        String n = meta.getOrDefault("drain_n", "?");
        List<Row> rows = new ArrayList<>();
        String s = "1. Outbox drain (" + n + " held notifications, then released)";
        rows.add(new Row(s, "Postmaster drain (release → all accepted by smtp-sink)", "drain.pm.rate", "msg/s", ""));
        rows.add(new Row(s, "Postmaster drain time", "drain.pm.seconds", "s", ""));
        rows.add(new Row(s, "smtp-source -d, 1 connection", "drain.src1.rate", "msg/s", ""));
        rows.add(new Row(s, "smtp-source -d, " + c + " connections", "drain.srcC.rate", "msg/s", ""));
        rows.add(new Row(s, "Jakarta Mail, Transport.send per message, " + c + " threads", "drain.naive.rate", "msg/s",
                ""));
        rows.add(new Row(s, "Jakarta Mail, one reused connection per thread, " + c + " threads", "drain.reused.rate",
                "msg/s", ""));
        rows.add(new Row(s, "ratio Postmaster / smtp-source (" + c + " connections)", "drain.ratio.src", "×", "≥ 0.5"));
        rows.add(new Row(s, "ratio Postmaster / naive loop", "drain.ratio.naive", "×", "≥ 4"));
        String m = "1b. Memory of the application (heap after a full GC; RSS from /proc)";
        rows.add(new Row(m, "heap used, 1,000 mails held", "mem.small.heap_mb", "MB", "flat"));
        rows.add(new Row(m, "RSS, 1,000 mails held", "mem.small.rss_mb", "MB", "flat"));
        rows.add(new Row(m, "heap used, " + meta.getOrDefault("held_n", "?") + " mails held", "mem.big.heap_mb", "MB",
                "flat"));
        rows.add(new Row(m, "RSS, " + meta.getOrDefault("held_n", "?") + " mails held", "mem.big.rss_mb", "MB", "flat"));
        rows.add(new Row(m, "highest heap used while those drain (sampled, no GC)", "mem.drain.heap_peak_mb", "MB", ""));
        rows.add(new Row(m, "RSS high-water mark after that drain (VmHWM)", "mem.drain.hwm_mb", "MB", ""));
        rows.add(new Row(m, "drain rate of the " + meta.getOrDefault("held_n", "?") + " held mails", "mem.drain.rate",
                "msg/s", ""));
        String e = "2. End to end (" + meta.getOrDefault("e2e_n", "?") + " POST /api/tasks, "
                + meta.getOrDefault("e2e_concurrency", "16") + " in flight)";
        rows.add(new Row(e, "requests per second", "e2e.req_rate", "req/s", "≥ 1,000"));
        rows.add(new Row(e, "delivered per second (first request → last accepted by the sink)", "e2e.delivery_rate",
                "msg/s", ""));
        rows.add(new Row(e, "request latency p50", "e2e.p50_ms", "ms", ""));
        rows.add(new Row(e, "request latency p99", "e2e.p99_ms", "ms", ""));
        rows.add(new Row(e, "failed requests", "e2e.failed", "", "0"));
        String f = "3. Fan-out (one project with " + meta.getOrDefault("fanout_n", "?") + " members)";
        rows.add(new Row(f, "POST /api/projects until its answer (the commit)", "fanout.commit_s", "s", "< 1"));
        rows.add(new Row(f, "its answer (the commit) → all accepted by smtp-sink", "fanout.deliver_s", "s", ""));
        rows.add(new Row(f, "request sent → all accepted by smtp-sink", "fanout.total_s", "s", ""));
        String i = "4. Incoming (" + meta.getOrDefault("incoming_n", "?") + " unread in Dovecot, window "
                + meta.getOrDefault("incoming_window", "100") + ")";
        rows.add(new Row(i, "poller: time spent polling (sum of postmaster_inbound_poll)", "in.pm.poll_s", "s", ""));
        rows.add(new Row(i, "poller: placed → all stored and \\Seen (includes the wait for the next poll)",
                "in.pm.wall_s", "s", ""));
        rows.add(new Row(i, "poller rate (by polling time)", "in.pm.rate", "msg/s", ""));
        rows.add(new Row(i, "raw Jakarta Mail bulk fetch (FetchProfile, same window, sets \\Seen)", "in.raw.rate",
                "msg/s", ""));
        rows.add(new Row(i, "ratio poller / raw", "in.ratio", "×", "≥ 0.5"));
        rows.add(new Row(i, "highest heap used while polling " + meta.getOrDefault("incoming_n", "?"), "in.heap_peak_mb",
                "MB", "bounded"));
        rows.add(new Row(i, "highest heap used while polling 1,000", "in.small.heap_peak_mb", "MB", "bounded"));
        String b = "5. Boot (java -jar payara-micro.jar → first 200)";
        rows.add(new Row(b, "Postmaster (fresh data directory) → /login.xhtml", "boot.pm_s", "s", ""));
        rows.add(new Row(b, "empty WAR → /index.html", "boot.empty_s", "s", ""));
        rows.add(new Row(b, "ratio", "boot.ratio", "×", "≤ 1.3"));
        String w = "6. Console (wrk -c" + meta.getOrDefault("wrk_connections", "50") + " -d"
                + meta.getOrDefault("wrk_seconds", "?") + "s, signed in as admin)";
        for (String[] page : new String[][] {{"email1", "Email page, 1 shared session"},
                {"email50", "Email page, 50 sessions"}, {"outbox1", "Outbox page, 1 shared session"},
                {"outbox50", "Outbox page, 50 sessions"}, {"static", "static resource (PrimeFaces JS)"}}) {
            rows.add(new Row(w, page[1] + ": requests per second", "wrk." + page[0] + ".rate", "req/s", ""));
            rows.add(new Row(w, page[1] + ": p50", "wrk." + page[0] + ".p50_ms", "ms", ""));
            rows.add(new Row(w, page[1] + ": p99", "wrk." + page[0] + ".p99_ms", "ms", "< 100"));
            rows.add(new Row(w, page[1] + ": answers not 200, socket errors, timeouts", "wrk." + page[0] + ".bad", "",
                    "0"));
        }
        return rows;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Map<String, String> meta = new LinkedHashMap<>();
        Path metaFile = dir.resolve("meta.tsv");
        if (Files.exists(metaFile)) {
            for (String line : Files.readAllLines(metaFile)) {
                String[] f = line.split("\t", 2);
                if (f.length == 2) {
                    meta.put(f[0], f[1]);
                }
            }
        }
        Map<String, TreeMap<Integer, Double>> values = new LinkedHashMap<>();
        Path roundsFile = dir.resolve("rounds.tsv");
        if (Files.exists(roundsFile)) {
            for (String line : Files.readAllLines(roundsFile)) {
                String[] f = line.split("\t");
                if (f.length == 3) {
                    values.computeIfAbsent(f[0], k -> new TreeMap<>()).put(Integer.parseInt(f[1]),
                            Double.parseDouble(f[2]));
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Taken ").append(meta.getOrDefault("date", "?")).append(" on ").append(meta.getOrDefault("machine", "?"))
                .append(".\n");
        md.append("Parameters: ").append(meta.getOrDefault("parameters", "?")).append(".\n");
        md.append("Each figure is the median of its rounds (the rounds are in results.json); a ratio is taken within"
                + " each round, then its median.\n");
        String section = null;
        for (Row row : rows(meta)) {
            if (!row.section().equals(section)) {
                section = row.section();
                md.append("\n### ").append(section).append("\n\n| | median | unit | rounds | target |\n|---|---:|---|---|---|\n");
            }
            TreeMap<Integer, Double> v = values.get(row.key());
            md.append("| ").append(row.label()).append(" | ").append(v == null ? "–" : format(median(v.values())))
                    .append(" | ").append(row.unit()).append(" | ")
                    .append(v == null ? "" : String.join(", ", v.values().stream().map(Report::format).toList()))
                    .append(" | ").append(row.target()).append(" |\n");
        }
        if (meta.containsKey("notes")) {
            md.append("\n").append(meta.get("notes").replace("\\n", "\n")).append("\n");
        }
        Files.writeString(dir.resolve("results.md"), md);

        StringBuilder json = new StringBuilder("{\n  \"meta\": {");
        String sep = "\n";
        for (Map.Entry<String, String> m : meta.entrySet()) {
            json.append(sep).append("    ").append(quote(m.getKey())).append(": ").append(quote(m.getValue()));
            sep = ",\n";
        }
        json.append("\n  },\n  \"results\": [");
        sep = "\n";
        for (Row row : rows(meta)) {
            TreeMap<Integer, Double> v = values.get(row.key());
            if (v == null) {
                continue;
            }
            json.append(sep).append("    {\"key\": ").append(quote(row.key())).append(", \"label\": ")
                    .append(quote(row.section() + ": " + row.label())).append(", \"unit\": ").append(quote(row.unit()))
                    .append(", \"target\": ").append(quote(row.target())).append(", \"median\": ")
                    .append(num(median(v.values()))).append(", \"rounds\": [")
                    .append(String.join(", ", v.values().stream().map(Report::num).toList())).append("]}");
            sep = ",\n";
        }
        json.append("\n  ]\n}\n");
        Files.writeString(dir.resolve("results.json"), json);
        System.out.print(md);
    }

    static double median(java.util.Collection<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int size = sorted.size();
        return size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
    }

    static String format(double value) {
        double abs = Math.abs(value);
        if (value == Math.rint(value) && abs < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : "%.2f", value);
    }

    static String num(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value).replaceAll("\\.?0+$", "") : "null";
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                default -> q.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return q.append('"').toString();
    }
}
