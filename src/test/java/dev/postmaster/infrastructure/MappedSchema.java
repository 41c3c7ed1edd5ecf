package dev.postmaster.infrastructure;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.eclipse.persistence.sequencing.Sequence;
import org.eclipse.persistence.sequencing.TableSequence;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.tools.schemaframework.DefaultTableGenerator;
import org.eclipse.persistence.tools.schemaframework.FieldDefinition;
import org.eclipse.persistence.tools.schemaframework.TableDefinition;

/**
 * The comparison that proves the migrations and the JPA mapping agree, shared by the migration tests on H2
 * ({@link SchemaMigrationsTest}) and on PostgreSQL ({@link SchemaMigrationsPostgresIT}): the two databases fold
 * unquoted names to opposite cases, so names are compared in upper case and looked up as the database spells them.
 */
final class MappedSchema {

    private MappedSchema() {
    }

    /** The application's persistence unit on {@code database}, outside the container, as the tests open it. */
    static EntityManagerFactory persistenceUnit(DataSource database) {
        return Persistence.createEntityManagerFactory("postmaster", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", database,
                "jakarta.persistence.validation.mode", "NONE",
                "eclipselink.logging.level", "WARNING"));
    }

    /** {@link #differences(Session, Connection)} of the unit that {@code jpa} belongs to, on {@code database}. */
    static Map<String, List<String>> differences(EntityManager jpa, DataSource database) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return differences(jpa.unwrap(Session.class), connection);
        }
    }

    /**
     * What differs between the tables EclipseLink would create for the entities and the tables in the
     * connection's schema: for each table, the columns missing from one side, of another nullability or (for text)
     * another length. The migration history is Flyway's and not mapped.
     */
    static Map<String, List<String>> differences(Session session, Connection connection) throws SQLException {
        Map<String, Map<String, FieldDefinition>> mapped = new TreeMap<>();
        for (TableDefinition table : new DefaultTableGenerator(session.getProject()).generateDefaultTableCreator()
                .getTableDefinitions()) {
            Map<String, FieldDefinition> fields = new TreeMap<>();
            table.getFields().forEach(field -> fields.put(field.getName().toUpperCase(Locale.ROOT), field));
            mapped.put(table.getName().toUpperCase(Locale.ROOT), fields);
        }
        // The id generators' table is made by EclipseLink's sequencing, not from an entity.
        for (Sequence sequence : session.getLogin().getSequences().values()) {
            if (sequence instanceof TableSequence generator) {
                FieldDefinition name = new FieldDefinition(generator.getNameFieldName(), String.class);
                name.setIsPrimaryKey(true);
                name.setShouldAllowNull(false);
                FieldDefinition counter = new FieldDefinition(generator.getCounterFieldName(), Long.class);
                mapped.put(generator.getTableName().toUpperCase(Locale.ROOT), Map.of(
                        name.getName().toUpperCase(Locale.ROOT), name,
                        counter.getName().toUpperCase(Locale.ROOT), counter));
            }
        }
        Map<String, List<String>> differences = new TreeMap<>();
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        // upper-case name -> the name as the database has it (upper case on H2, lower case on PostgreSQL)
        Map<String, String> tables = new TreeMap<>();
        try (ResultSet rows = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.put(rows.getString("TABLE_NAME").toUpperCase(Locale.ROOT), rows.getString("TABLE_NAME"));
            }
        }
        tables.remove("FLYWAY_SCHEMA_HISTORY");
        for (String table : tables.keySet()) {
            if (!mapped.containsKey(table)) {
                differences.put(table, List.of("table not mapped by any entity"));
            }
        }
        for (var table : mapped.entrySet()) {
            if (!tables.containsKey(table.getKey())) {
                differences.put(table.getKey(), List.of("table missing"));
                continue;
            }
            List<String> problems = new ArrayList<>();
            Map<String, FieldDefinition> unseen = new TreeMap<>(table.getValue());
            try (ResultSet columns = meta.getColumns(null, schema, tables.get(table.getKey()), "%")) {
                while (columns.next()) {
                    String name = columns.getString("COLUMN_NAME").toUpperCase(Locale.ROOT);
                    FieldDefinition field = unseen.remove(name);
                    if (field == null) {
                        problems.add(name + ": column not mapped");
                        continue;
                    }
                    boolean nullable = columns.getInt("NULLABLE") == DatabaseMetaData.columnNullable;
                    if (nullable != (field.shouldAllowNull() && !field.isPrimaryKey())) {
                        problems.add(name + ": nullable " + nullable + " in the database");
                    }
                    if (field.getType() == String.class && field.getSize() > 0
                            && columns.getInt("COLUMN_SIZE") != field.getSize()) {
                        problems.add(name + ": length " + columns.getInt("COLUMN_SIZE") + ", mapped "
                                + field.getSize());
                    }
                }
            }
            unseen.keySet().forEach(name -> problems.add(name + ": column missing"));
            if (!problems.isEmpty()) {
                differences.put(table.getKey(), problems);
            }
        }
        return differences;
    }
}
