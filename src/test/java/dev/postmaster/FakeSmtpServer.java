package dev.postmaster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server for what GreenMail cannot do: it refuses recipients whose address starts with
 * {@code reject} (550) and puts off those starting with {@code later} (451), accepts everything else, records
 * each connection and each accepted message, and (when started with {@link #withStartTls}) offers STARTTLS with a
 * self-signed certificate for {@code fake-smtp.test} (test resource {@value #KEYSTORE}). Tests start it inside the
 * application's JVM, where they can also read what it received.
 */
public final class FakeSmtpServer implements AutoCloseable {

    /** The certificate STARTTLS presents; tests add this resource to the deployment. */
    public static final String KEYSTORE = "tls/fake-smtp.p12";

    private final ServerSocket server;
    private final javax.net.ssl.SSLContext tls;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private volatile long delayMillis;
    private volatile int messagesPerSession = Integer.MAX_VALUE;
    private final List<String> acceptedMessageIds = new CopyOnWriteArrayList<>();
    private final List<String> acceptedMessages = new CopyOnWriteArrayList<>();

    private FakeSmtpServer(int port, javax.net.ssl.SSLContext tls) throws IOException {
        this.tls = tls;
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptForever, "fake-smtp-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static FakeSmtpServer start(int port) throws IOException {
        return new FakeSmtpServer(port, null);
    }

    /** A server that offers STARTTLS. */
    public static FakeSmtpServer withStartTls(int port) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = FakeSmtpServer.class.getClassLoader().getResourceAsStream(KEYSTORE)) {
            store.load(in, "fake-smtp-store".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "fake-smtp-store".toCharArray());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new FakeSmtpServer(port, context);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** The most sessions that were open at the same moment. */
    public int mostAtOnce() {
        return mostOpen.get();
    }

    /** Waits this long before accepting each message, like a server that does work per mail. */
    public FakeSmtpServer slowly(java.time.Duration perMessage) {
        delayMillis = perMessage.toMillis();
        return this;
    }

    /** Drops the connection after accepting this many messages in one session, as some servers do. */
    public FakeSmtpServer hangUpAfter(int messages) {
        messagesPerSession = messages;
        return this;
    }

    public List<String> acceptedMessageIds() {
        return List.copyOf(acceptedMessageIds);
    }

    /** The accepted messages as sent (dot-stuffing undone), in order. */
    public List<String> acceptedMessages() {
        return List.copyOf(acceptedMessages);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Thread session = new Thread(() -> converse(client), "fake-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        Socket socket = client;
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        int acceptedHere = 0;
        try {
            BufferedReader in = reader(socket);
            OutputStream out = socket.getOutputStream();
            reply(out, "220 fake.test ESMTP ready");
            boolean anyRecipient = false;
            boolean secured = false;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, tls != null && !secured ? "250-fake.test\r\n250 STARTTLS" : "250 fake.test");
                } else if (command.equals("STARTTLS") && tls != null && !secured) {
                    reply(out, "220 2.0.0 Ready to start TLS");
                    javax.net.ssl.SSLSocket upgraded = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                            .createSocket(socket, null, socket.getPort(), true);
                    upgraded.setUseClientMode(false);
                    upgraded.startHandshake();
                    socket = upgraded;
                    in = reader(socket);
                    out = socket.getOutputStream();
                    secured = true;
                } else if (command.startsWith("MAIL FROM")) {
                    anyRecipient = false;
                    reply(out, "250 2.1.0 OK");
                } else if (command.startsWith("RCPT TO")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                    if (address.startsWith("reject")) {
                        reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected");
                    } else if (address.startsWith("later")) {
                        reply(out, "451 4.7.1 <" + address + ">: Try again later");
                    } else {
                        anyRecipient = true;
                        reply(out, "250 2.1.5 OK");
                    }
                } else if (command.equals("DATA")) {
                    if (!anyRecipient) {
                        reply(out, "554 5.5.1 No valid recipients");
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    String messageId = null;
                    StringBuilder message = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        if (messageId == null && line.toLowerCase(Locale.ROOT).startsWith("message-id:")) {
                            messageId = line.substring("message-id:".length()).strip();
                        }
                        message.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                    }
                    if (delayMillis > 0) {
                        try {
                            Thread.sleep(delayMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    acceptedMessages.add(message.toString());
                    acceptedMessageIds.add(messageId);
                    reply(out, "250 2.0.0 Ok: queued as " + acceptedMessageIds.size());
                    if (++acceptedHere >= messagesPerSession) {
                        return;
                    }
                } else if (command.equals("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        } catch (SocketException e) {
            // the client went away
        } catch (IOException e) {
            // the test will see what was received
        } finally {
            open.decrementAndGet();
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
