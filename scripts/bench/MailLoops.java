import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two Jakarta Mail baselines of the drain benchmark (scripts/bench.sh), against the same smtp-sink:
 * <ul>
 * <li>{@code naive}: {@code Transport.send(message)} per message, which opens and closes an SMTP connection for
 *     every mail, as most applications do;</li>
 * <li>{@code reused}: one {@code Transport} per thread, connected once, {@code sendMessage} for every mail.</li>
 * </ul>
 * Each of THREADS threads sends its share of COUNT messages with a text body of SIZE bytes, built per message.
 * Prints one line: {@code mode=... messages=... seconds=... rate=...}.
 *
 *   java -cp <angus-mail and jakarta.mail-api jars> MailLoops.java naive|reused HOST PORT COUNT SIZE THREADS
 */
public class MailLoops {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        int size = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        props.put("mail.smtp.writetimeout", "30000");
        props.put("mail.smtp.localhost", "bench.test");
        Session session = Session.getInstance(props);
        String body = "x".repeat(Math.max(0, size - 2)) + "\r\n";
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    Transport reused = null;
                    if (mode.equals("reused")) {
                        reused = session.getTransport("smtp");
                        reused.connect();
                    }
                    try {
                        int i;
                        while ((i = next.getAndIncrement()) < count) {
                            MimeMessage message = new MimeMessage(session);
                            message.setFrom(new InternetAddress("bench@bench.test"));
                            message.setRecipient(Message.RecipientType.TO, new InternetAddress("sink@bench.test"));
                            message.setSubject("Benchmark " + i);
                            message.setText(body, "UTF-8");
                            message.saveChanges();
                            if (reused == null) {
                                Transport.send(message);
                            } else {
                                reused.sendMessage(message, message.getAllRecipients());
                            }
                            sent.incrementAndGet();
                        }
                    } finally {
                        if (reused != null) {
                            reused.close();
                        }
                    }
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!errors.isEmpty()) {
            System.err.println("MailLoops " + mode + ": " + errors.size() + " thread(s) failed: " + errors.get(0));
            System.exit(1);
        }
        System.out.printf(java.util.Locale.ROOT, "mode=%s messages=%d seconds=%.3f rate=%.1f%n", mode, sent.get(),
                seconds, sent.get() / seconds);
    }
}
