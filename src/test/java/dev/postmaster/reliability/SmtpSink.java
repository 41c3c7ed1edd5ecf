package dev.postmaster.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The far end of the outbox in the fault tests: an SMTP server in the test JVM that accepts every message and
 * counts each Message-ID it accepted, so a test can tell lost mail from duplicated mail. Unlike GreenMail it can
 * be stopped and started again on the same port (a mail server that goes away for a while) and slowed down (so
 * that a drain is still in progress when the application is killed).
 *
 * <p>It stops like a real server: the port refuses connections at once, and an open session is ended with
 * {@code 421} at its next command. A message counts as accepted when, and only when, its {@code 250} reply was
 * written; a stop never falls between the two, so every duplicate it counts was sent twice by the application.
 */
final class SmtpSink implements AutoCloseable {

    private final int port;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Set<Socket> sessions = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean running;
    private volatile long delayMillis;

    private SmtpSink(int port) {
        this.port = port;
    }

    static SmtpSink start(int port) throws IOException {
        SmtpSink sink = new SmtpSink(port);
        sink.resume();
        return sink;
    }

    /** The server goes down: refuses connections, and ends open sessions at their next command. */
    synchronized void stop() throws IOException {
        running = false;
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    /** The server is back on the same port. */
    synchronized void resume() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listener = socket;
        running = true;
        Thread accepting = new Thread(() -> accept(socket), "smtp-sink-" + port);
        accepting.setDaemon(true);
        accepting.start();
    }

    /** Waits this long before answering each message's DATA: a slow server. */
    void delayEachMessage(long millis) {
        delayMillis = millis;
    }

    /** Every Message-ID accepted, once per acceptance, in order. */
    List<String> acceptedIds() {
        return List.copyOf(accepted);
    }

    int acceptedCount() {
        return accepted.size();
    }

    /** How often each Message-ID was accepted. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        for (String id : accepted) {
            counts.merge(id, 1, Integer::sum);
        }
        return counts;
    }

    /** How many acceptances were of a Message-ID accepted before. */
    int duplicates() {
        return accepted.size() - counts().size();
    }

    @Override
    public void close() throws IOException {
        stop();
        for (Socket session : sessions) {
            session.close();
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                sessions.add(client);
                Thread session = new Thread(() -> converse(client), "smtp-sink-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            socket.setSoTimeout(120_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 sink.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                if (!running) {
                    reply(out, "421 4.3.2 sink.test shutting down");
                    return;
                }
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, "250-sink.test\r\n250 8BITMIME");
                } else if (command.equals("DATA")) {
                    reply(out, "354 go ahead");
                    String messageId = null;
                    boolean inMessageId = false;
                    boolean inHeaders = true;
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        if (!inHeaders) {
                            continue;
                        }
                        if (line.isEmpty()) {
                            inHeaders = false;
                        } else if (inMessageId && (line.startsWith(" ") || line.startsWith("\t"))) {
                            messageId += line.strip(); // a folded header goes on
                            continue;
                        } else if (messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                            messageId = line.substring(11).strip();
                            inMessageId = true;
                            continue;
                        }
                        inMessageId = false;
                    }
                    if (line == null) {
                        return;
                    }
                    pause();
                    synchronized (this) {
                        if (!running) {
                            reply(out, "421 4.3.2 sink.test shutting down");
                            return;
                        }
                        reply(out, "250 2.0.0 queued");
                        accepted.add(messageId);
                    }
                } else if (command.equals("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // the client went away, or was killed
        } finally {
            sessions.remove(socket);
        }
    }

    private void pause() {
        long delay = delayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
