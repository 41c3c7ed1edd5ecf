package dev.postmaster;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one way integration tests deploy Postmaster: the real WAR that {@code mvn package} built, plus whatever a
 * test adds to it (its fixtures, and in-container tests their own classes). Testing the packaged WAR rather than
 * a hand-picked set of classes means a missing descriptor or resource fails a test, not a release.
 */
public final class Deployments {

    private final WebArchive archive;

    private Deployments(WebArchive archive) {
        this.archive = archive;
    }

    /**
     * The packaged application, as {@code scripts/run.sh} deploys it: at the root context ({@code --contextroot
     * /}; Payara Micro deploys an archive named {@code ROOT.war} there). Only there does Payara serve {@code /health}
     * and {@code /metrics} from inside the application, through its filters. It also keeps the tests' base URL
     * right when the Arquillian container misses the deployment in Payara's log (its JSON report interleaved with
     * the application's first log lines): it then falls back to the root, which is where the application is.
     */
    public static Deployments postmaster() {
        String war = System.getProperty("app.war");
        if (war == null || !new File(war).isFile()) {
            throw new IllegalStateException("Run integration tests through Maven (mvn verify): the system property"
                    + " app.war must name the packaged WAR, but it is " + war);
        }
        return new Deployments(ShrinkWrap.create(WebArchive.class, "ROOT.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File(war))));
    }

    /**
     * Lets Arquillian's in-container test runner through the application's security constraints. The
     * application protects every URL; the runner servlet that Arquillian adds must be reachable without a
     * sign-in, so the test deployment (and only it) gets an exact-match constraint without an auth constraint,
     * which takes precedence over {@code /*}.
     */
    public Deployments inContainer() {
        String webXml = new String(readAsset("WEB-INF/web.xml"), java.nio.charset.StandardCharsets.UTF_8);
        String open = "    <security-constraint>\n"
                + "        <web-resource-collection>\n"
                + "            <web-resource-name>Arquillian test runner</web-resource-name>\n"
                + "            <url-pattern>/ArquillianServletRunnerEE9</url-pattern>\n"
                + "        </web-resource-collection>\n"
                + "    </security-constraint>\n";
        int end = webXml.lastIndexOf("</web-app>");
        archive.delete("WEB-INF/web.xml");
        archive.setWebXML(new StringAsset(webXml.substring(0, end) + open + webXml.substring(end)));
        return this;
    }

    private byte[] readAsset(String path) {
        try (java.io.InputStream in = archive.get(path).getAsset().openStream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Adds test fixtures (for example a {@code @Startup} bean that creates users) to the deployment. */
    public Deployments withFixtures(Class<?>... fixtures) {
        archive.addClasses(fixtures);
        return this;
    }

    /** Adds test resources (found on the test class path) to {@code WEB-INF/classes}. */
    public Deployments withResources(String... resources) {
        for (String resource : resources) {
            archive.addAsResource(resource);
        }
        return this;
    }

    /**
     * The archive to deploy. It never carries {@link EmptyDatabasePerBoot}: that extension belongs to the test JVM
     * (it empties the database before a boot), and inside the application it would be dead weight at best.
     */
    public WebArchive build() {
        String extension = "/WEB-INF/classes/" + EmptyDatabasePerBoot.class.getName().replace('.', '/') + ".class";
        if (archive.contains(extension)) {
            throw new IllegalStateException("The deployment must not carry the test JVM's " + extension);
        }
        return archive;
    }
}
