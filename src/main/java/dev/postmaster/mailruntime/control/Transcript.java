package dev.postmaster.mailruntime.control;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Collects what Jakarta Mail's protocol debug output says during a diagnostic, so the page can show the
 * server's exact replies. Authentication is never in it: sessions keep {@code mail.debug.auth} off (Angus then
 * suppresses the AUTH exchange), and as a second guard every line that contains a secret, in clear or in
 * base64, is dropped.
 */
public final class Transcript {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    private final List<String> secrets = new ArrayList<>();

    public Transcript(String... secrets) {
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                this.secrets.add(secret);
                this.secrets.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    public PrintStream stream() {
        return stream;
    }

    /** Every line, Jakarta Mail's remarks included, minus any line that carries a secret. */
    public List<String> lines() {
        stream.flush();
        String text = buffer.toString(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && secrets.stream().noneMatch(trimmed::contains)) {
                lines.add(trimmed);
            }
        }
        return lines;
    }

    @Override
    public String toString() {
        return String.join("\n", Objects.requireNonNull(lines()));
    }
}
