package org.qrarchive.archive.index.boundary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

import org.jboss.logging.Logger;

/**
 * Brings the database schema up to date at startup: applies, in order, each script listed in
 * {@code db/migration/scripts.txt} that the table {@code qr_schema_version} does not record yet. Released
 * scripts are never edited, so an archive made by an older version opens with a newer one.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);
    private static final String DIR = "db/migration/";

    @Resource(lookup = "java:jboss/datasources/QrDS")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("create table if not exists qr_schema_version (script varchar(200) primary key, "
                        + "applied_at timestamp not null)");
            }
            c.commit();
            Set<String> applied = appliedScripts(c);
            for (String script : readLines(DIR + "scripts.txt")) {
                if (!applied.contains(script)) {
                    apply(c, script);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database schema migration failed: " + e.getMessage(), e);
        }
    }

    private static Set<String> appliedScripts(Connection c) throws SQLException {
        Set<String> applied = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select script from qr_schema_version")) {
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
        }
        return applied;
    }

    private static void apply(Connection c, String script) throws SQLException {
        LOG.infof("Applying database migration %s", script);
        try (Statement st = c.createStatement()) {
            for (String sql : statements(String.join("\n", readLines(DIR + script)))) {
                st.execute(sql);
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "insert into qr_schema_version (script, applied_at) values (?, ?)")) {
                ins.setString(1, script);
                ins.setTimestamp(2, Timestamp.from(Instant.now()));
                ins.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /** Splits a script at semicolons that end a line; lines starting with "--" are comments. */
    static List<String> statements(String script) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().trim();
                result.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().trim());
        }
        return result;
    }

    private static List<String> readLines(String resource) {
        try (InputStream in = SchemaMigration.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            List<String> lines = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
