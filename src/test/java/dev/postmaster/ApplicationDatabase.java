package dev.postmaster;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import javax.sql.DataSource;

/**
 * In-container access to the application's own database ({@code jdbc/postmaster}) for tests that check what
 * really got stored, below JPA: above all, that no secret is ever stored in clear.
 */
public final class ApplicationDatabase {

    private ApplicationDatabase() {
    }

    public static DataSource dataSource() throws Exception {
        return InitialContext.doLookup("jdbc/postmaster");
    }

    /** A change to the database that a test makes and takes back. */
    public interface Undo extends AutoCloseable {
        @Override
        void close() throws Exception;
    }

    /**
     * Makes the database refuse to store an incoming message whose subject starts with {@code subjectStart} (a
     * check constraint), until the returned handle is closed: a failure in the middle of taking mail in.
     */
    public static Undo refusingInboundSubject(String subjectStart) throws Exception {
        String constraint = "test_refuse_" + Integer.toHexString(subjectStart.hashCode());
        execute("ALTER TABLE inbound_message ADD CONSTRAINT " + constraint + " CHECK (subject IS NULL OR subject"
                + " NOT LIKE '" + subjectStart.replace("'", "''") + "%')");
        return () -> execute("ALTER TABLE inbound_message DROP CONSTRAINT " + constraint);
    }

    private static void execute(String statement) throws Exception {
        try (Connection connection = dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    /** Whether any column of any row of any application table contains {@code text}. */
    public static boolean holdsAnywhere(String text) throws Exception {
        try (Connection connection = dataSource().getConnection()) {
            List<String> tables = new ArrayList<>();
            DatabaseMetaData meta = connection.getMetaData();
            // The connection's own schema: PUBLIC on H2, public on PostgreSQL.
            try (ResultSet rows = meta.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            if (tables.stream().noneMatch("MAIL_SETTINGS"::equalsIgnoreCase)) {
                // Not an assertion: this also runs in a servlet fixture, where JUnit is not on the class path.
                throw new IllegalStateException("expected the application's tables, found " + tables);
            }
            for (String table : tables) {
                try (PreparedStatement query = connection.prepareStatement("select * from \"" + table + "\"");
                        ResultSet rows = query.executeQuery()) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            String value = rows.getString(column);
                            if (value != null && value.contains(text)) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Sets the poller's lease as another node would hold it ({@code holder}, valid until {@code until}) or let it
     * run out: what a second node does, without a second node.
     */
    public static void leaseHeldBy(String holder, java.time.Instant until) throws Exception {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement sql = connection.prepareStatement("UPDATE poller_lease SET holder = ?,"
                        + " incarnation = 'another-process', fencing = fencing + 1, renewed_at = ?, expires_at = ?"
                        + " WHERE name = 'inbound'")) {
            sql.setString(1, holder);
            sql.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.now()));
            sql.setTimestamp(3, java.sql.Timestamp.from(until));
            sql.executeUpdate();
        }
    }
}
