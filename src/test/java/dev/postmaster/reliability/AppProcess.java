package dev.postmaster.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application as an operator runs it: {@code java -jar payara-micro.jar ... --deploy postmaster.war},
 * the command line of {@code scripts/run.sh}, in a process of its own. Arquillian cannot do what the fault tests
 * need, which is to kill that process with {@code kill -9} in the middle of its work and to start it again on the
 * same data directory (the embedded H2 database, the secret key), so this class does it.
 *
 * <p>Each boot writes its log to {@code target/failsafe-reports/<test class>-app-<n>-output.txt}, where
 * {@code scripts/check-logs.sh} reads it together with the test logs (no secret may be in it). The environment
 * of the test JVM (failsafe's {@code POSTMASTER_*} for the Arquillian tests) is not passed on: the application
 * gets only the {@code POSTMASTER_*} variables a test names.
 */
final class AppProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "Fault-Admin-Pa55word";
    static final String DB_USER = "postmaster";
    static final String DB_PASSWORD = "Fault-Db-Pa55word";
    /**
     * The options of the default embedded database, as in {@code scripts/run.sh}. {@code WRITE_DELAY=0}: H2
     * otherwise writes committed transactions to its file up to 500 ms later, and {@code kill -9} loses them
     * (OutboxFaultIT found mails the SMTP server had accepted back in the queue after a restart).
     */
    static final String H2_FILE_OPTIONS = ";WRITE_DELAY=0";
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(4);
    /**
     * Only the first JIT tier, as for the Arquillian tests (arquillian.xml): a boot takes about 15 s instead of 20,
     * and the fault tests' processes live a few minutes. Not for the cluster's nodes: they hash 500 passwords
     * (PBKDF2), which the first tier's code does several times slower than the second. The application's code and
     * configuration are the operator's either way.
     */
    static final List<String> QUICK_BOOT = List.of("-XX:TieredStopAtLevel=1");

    private final String name;
    private final int port;
    private final Path dataDir;
    private final Map<String, String> env = new TreeMap<>();
    private final List<String> jvmOptions;
    private final List<String> clustering;
    private final Path work;
    private Process process;
    private int boots;

    /**
     * An application named {@code name} (its logs and data go under {@code target/reliability/<name>}) on HTTP
     * {@code port}, with the embedded H2 database in its data directory unless {@code env} names another.
     */
    AppProcess(String name, int port, Map<String, String> env) throws IOException {
        this(name, port, env, QUICK_BOOT, List.of("--nocluster"));
    }

    /**
     * A node of a cluster: {@code clustering} are Payara Micro's options for it ({@code --name}, {@code
     * --clustermode}, ...) instead of {@code --nocluster}; {@code jvmOptions} go to its JVM.
     */
    AppProcess(String name, int port, Map<String, String> env, List<String> jvmOptions, List<String> clustering)
            throws IOException {
        this.name = name;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.clustering = List.copyOf(clustering);
        this.port = port;
        this.work = Path.of("target", "reliability", name).toAbsolutePath();
        deleteTree(work);
        this.dataDir = work.resolve("data");
        Files.createDirectories(dataDir);
        this.env.put("POSTMASTER_DATA_DIR", dataDir.toString());
        this.env.put("POSTMASTER_DB_URL", embeddedDatabaseUrl());
        this.env.put("POSTMASTER_DB_USER", DB_USER);
        this.env.put("POSTMASTER_DB_PASSWORD", DB_PASSWORD);
        this.env.put("POSTMASTER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        this.env.putAll(env);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The JDBC URL of the embedded database, to open it from the test while the application is not running. */
    String embeddedDatabaseUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("postmaster") + H2_FILE_OPTIONS;
    }

    /** Starts the application and waits until its login page answers 200. */
    void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running already");
        }
        boots++;
        Path microJar = Path.of(System.getProperty("payara.microJar", "target/runtime/payara-micro.jar"));
        Path war = Path.of(System.getProperty("app.war", "target/postmaster.war"));
        Path config = Path.of(System.getProperty("serverConfig.dir", "server-config"));
        Path rootDir = work.resolve("payara-root-" + boots);
        Path log = Path.of("target", "failsafe-reports",
                "dev.postmaster.reliability." + name + "-app-" + boots + "-output.txt").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx640m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", microJar.toString()));
        command.addAll(clustering);
        command.addAll(List.of("--disablephonehome",
                "--port", String.valueOf(port),
                "--contextroot", "/",
                "--rootdir", rootDir.toString(),
                "--prebootcommandfile", config.resolve("pre-boot-commands.asadmin").toString(),
                "--postbootcommandfile", config.resolve("post-boot-commands.asadmin").toString(),
                "--logproperties", config.resolve("logging.properties").toString(),
                "--addlibs", microJar.resolveSibling("postgresql.jar").toString(),
                "--deploy", war.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(key -> key.startsWith("POSTMASTER_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        Instant started = Instant.now();
        process = builder.start();
        System.out.println(name + ": boot " + boots + " started, pid " + process.pid() + ", log " + log);
        awaitLoginPage(started, log);
        System.out.println(name + ": boot " + boots + " answered after "
                + Duration.between(started, Instant.now()).toMillis() / 1000.0 + " s");
    }

    /** {@code kill -9}: the JVM gets no chance to close anything, as in a power cut or an OOM killer. */
    void kill9() throws InterruptedException {
        if (process == null) {
            return;
        }
        System.out.println(name + ": kill -9 " + process.pid());
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " still runs 30 s after kill -9");
        }
    }

    /** An orderly stop (SIGTERM), as {@code systemctl stop} would do; kill -9 if it does not end in a minute. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill9();
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void awaitLoginPage(Instant started, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest login = HttpRequest.newBuilder(base().resolve("login.xhtml")).timeout(Duration.ofSeconds(10))
                .build();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while booting:\n"
                        + tail(log));
            }
            try {
                if (http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (Duration.between(started, Instant.now()).compareTo(BOOT_DEADLINE) > 0) {
                throw new AssertionError(name + " did not answer " + login.uri() + " within "
                        + BOOT_DEADLINE.toSeconds() + " s:\n" + tail(log));
            }
            Thread.sleep(250);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
