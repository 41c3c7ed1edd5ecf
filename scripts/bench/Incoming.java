import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;

/**
 * The incoming benchmark's helper (scripts/bench.sh).
 *
 * <p>{@code place DIR COUNT TAG}: writes COUNT unread messages as maildir files into DIR (a staging folder that the
 * script then moves into a maildir's new/): every fifth is about 50 KB, the others about 2 KB; every third is
 * multipart/mixed (text plus a base64 attachment). Message-IDs carry TAG, so every round's mail is new.
 *
 * <p>{@code fetch HOST PORT USER PASSWORD WINDOW}: the raw Jakarta Mail bulk fetch the poller is measured
 * against: search unseen, then per window of WINDOW messages one fetch of UID, flags, size, date and headers,
 * one fetch of the whole messages, read each message's bytes, and one STORE +FLAGS \Seen for the window.
 * Prints {@code messages=... seconds=... rate=...}.
 */
public class Incoming {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "place" -> place(Path.of(args[1]), Integer.parseInt(args[2]), args[3]);
            case "fetch" -> fetch(args[1], Integer.parseInt(args[2]), args[3], args[4], Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("place or fetch");
        }
    }

    static void place(Path dir, int count, String tag) throws Exception {
        Files.createDirectories(dir);
        Random random = new Random(42);
        String line = "The quick brown fox jumps over the lazy dog, and the benchmark counts every message.\r\n";
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < count; i++) {
            int size = i % 5 == 4 ? 50 * 1024 : 2 * 1024;
            boolean multipart = i % 3 == 2;
            StringBuilder m = new StringBuilder(size + 1024);
            m.append("Return-Path: <sender").append(i % 50).append("@bench.test>\r\n");
            m.append("From: Sender ").append(i % 50).append(" <sender").append(i % 50).append("@bench.test>\r\n");
            m.append("To: Inbox <inbox@bench.test>\r\n");
            m.append("Subject: Incoming benchmark ").append(tag).append(" #").append(i).append("\r\n");
            m.append("Date: ").append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(java.time.ZonedDateTime.now())).append("\r\n");
            m.append("Message-ID: <bench-").append(tag).append('-').append(i).append("@bench.test>\r\n");
            m.append("MIME-Version: 1.0\r\n");
            int textSize = multipart ? size / 2 : size;
            StringBuilder text = new StringBuilder(textSize + line.length());
            while (text.length() < textSize) {
                text.append(line);
            }
            if (multipart) {
                m.append("Content-Type: multipart/mixed; boundary=\"b-").append(i).append("\"\r\n\r\n");
                m.append("--b-").append(i).append("\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
                m.append(text);
                m.append("--b-").append(i).append("\r\nContent-Type: application/octet-stream\r\n")
                        .append("Content-Disposition: attachment; filename=\"data-").append(i).append(".bin\"\r\n")
                        .append("Content-Transfer-Encoding: base64\r\n\r\n");
                byte[] data = new byte[size / 2 * 3 / 4];
                random.nextBytes(data);
                m.append(Base64.getMimeEncoder().encodeToString(data)).append("\r\n");
                m.append("--b-").append(i).append("--\r\n");
            } else {
                m.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n").append(text);
            }
            byte[] bytes = m.toString().replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            String name = now + ".M" + i + "P" + ProcessHandle.current().pid() + "_" + tag + ".bench,S=" + bytes.length;
            Files.write(dir.resolve(name), bytes);
        }
        System.out.println("placed=" + count);
    }

    static void fetch(String host, int port, String user, String password, int window) throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "120000");
        Session session = Session.getInstance(props);
        long start = System.nanoTime();
        int read = 0;
        long bytes = 0;
        try (Store store = session.getStore("imap")) {
            store.connect(host, port, user, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] unread = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
            FetchProfile headers = new FetchProfile();
            headers.add(UIDFolder.FetchProfileItem.UID);
            headers.add(FetchProfile.Item.FLAGS);
            headers.add(FetchProfile.Item.SIZE);
            headers.add(org.eclipse.angus.mail.imap.IMAPFolder.FetchProfileItem.INTERNALDATE);
            headers.add(org.eclipse.angus.mail.imap.IMAPFolder.FetchProfileItem.HEADERS);
            FetchProfile bodies = new FetchProfile();
            bodies.add(org.eclipse.angus.mail.imap.IMAPFolder.FetchProfileItem.MESSAGE);
            for (int from = 0; from < unread.length; from += window) {
                Message[] batch = Arrays.copyOfRange(unread, from, Math.min(unread.length, from + window));
                inbox.fetch(batch, headers);
                inbox.fetch(batch, bodies);
                for (Message message : batch) {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
                    message.writeTo(raw);
                    bytes += raw.size();
                    read++;
                }
                inbox.setFlags(batch, new Flags(Flags.Flag.SEEN), true);
            }
            inbox.close(false);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "messages=%d bytes=%d seconds=%.3f rate=%.1f%n", read, bytes, seconds,
                read / seconds);
    }
}
