package dev.postmaster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Gives every Payara Micro that Arquillian boots an empty PostgreSQL schema, as the in-memory H2 of the default
 * run gives every boot an empty database: on PostgreSQL all test classes share one database (profile
 * {@code postgresql} in pom.xml), and a class must not start on the rows and settings another class left.
 *
 * <p>The Payara Micro container starts its process in {@code deploy}, so {@link BeforeDeploy} is the last moment
 * before the application (and its Flyway migrations) touch the database; the previous class's process is gone by
 * then. The schema is dropped and made again, not cleaned table by table, so that the application migrates from
 * nothing exactly as on a first start. Runs in the test JVM only: it is registered through {@code META-INF/services}
 * on the test class path, which {@link Deployments} never adds to a deployment, and it does nothing unless the
 * system property {@value #URL} names the database.
 */
public class EmptyDatabasePerBoot implements LoadableExtension {

    /** The JDBC URL of the database the application uses; user and password in the two properties below. */
    static final String URL = "it.db.reset.url";
    static final String USER = "it.db.reset.user";
    static final String PASSWORD = "it.db.reset.password";

    @Override
    public void register(ExtensionBuilder builder) {
        if (System.getProperty(URL) != null) {
            builder.observer(SchemaReset.class);
        }
    }

    /** The observer: one reset per deployment, that is per Payara Micro boot. */
    public static class SchemaReset {

        public void beforeDeploy(@Observes BeforeDeploy event) throws SQLException {
            try (Connection connection = DriverManager.getConnection(System.getProperty(URL),
                    System.getProperty(USER), System.getProperty(PASSWORD));
                    Statement sql = connection.createStatement()) {
                // A process of an earlier class that died without closing its connections would hold locks that
                // the DROP waits for.
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()");
                sql.execute("DROP SCHEMA IF EXISTS public CASCADE");
                sql.execute("CREATE SCHEMA public");
            }
        }
    }
}
