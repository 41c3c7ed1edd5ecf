package dev.postmaster.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.mail.Session;
import jakarta.mail.util.StreamProvider;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * What makes parsing and composing mail cheap in this JVM: one mail session for composing and parsing (never for
 * sending; the outbox sends through the sessions the Email settings make), and the name of the mail library's
 * stream provider.
 *
 * <p>Both replace a look-up on the class path per message. Making a session looks up the mail providers, and
 * Jakarta Mail 2.1 looks up its {@link StreamProvider} with a {@code ServiceLoader} every time it reads a header
 * block: every parsed message and every part of a multipart. In profiles of the outbox drain and of the inbox
 * poller, that look-up (scanning the application's jars) was about half of the CPU time spent on mail. The mail
 * API takes the provider's class name from the system property of the same name first, so it is set here, once,
 * to the provider it would have found (Angus Mail's, which Payara ships), unless someone set it already.
 */
@Singleton
@Startup
public class OfflineMail {

    public static final Session SESSION = Session.getInstance(new Properties());

    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    @PostConstruct
    void nameTheStreamProvider() {
        String property = StreamProvider.class.getName();
        if (System.getProperty(property) == null) {
            try {
                Class.forName(ANGUS_STREAM_PROVIDER, false, Thread.currentThread().getContextClassLoader());
                System.setProperty(property, ANGUS_STREAM_PROVIDER);
            } catch (ClassNotFoundException e) {
                Logger.getLogger(OfflineMail.class.getName()).info(() -> "Angus Mail's stream provider is not"
                        + " there; the mail library keeps looking its provider up per message");
            }
        }
    }
}
