package org.qrarchive.archive.config.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.qrarchive.dicom.net.AssociationSettings;

/**
 * The archive's settings, read from system properties each time they are asked for, so that a change
 * made through the WildFly management API (e.g. {@code /system-property=qr.ae.peers:add(value=...)}) takes
 * effect with the next association, without a redeploy. {@code wildfly-config/configure-server.cli}
 * defines the defaults; the README lists every property.
 */
@ApplicationScoped
public class ArchiveConfig {
    public static final String PORT = "qr.dicom.port";
    public static final String BIND_ADDRESS = "qr.dicom.bind";
    public static final String AE_TITLE = "qr.ae.title";
    public static final String PEERS = "qr.ae.peers";
    public static final String STORAGE_ROOT = "qr.storage.root";
    public static final String MAX_ASSOCIATIONS = "qr.max.associations";
    public static final String MAX_PDU = "qr.max.pdu";
    public static final String TIMEOUT_ACSE = "qr.timeout.acse";
    public static final String TIMEOUT_DIMSE = "qr.timeout.dimse";
    public static final String TIMEOUT_CONNECT = "qr.timeout.connect";

    public int port() {
        return intValue(PORT, 11112);
    }

    /** Address to listen on; empty for all interfaces. */
    public String bindAddress() {
        return System.getProperty(BIND_ADDRESS, "").trim();
    }

    /** The archive's own AE titles: associations called with any other title are rejected. */
    public Set<String> aeTitles() {
        return list(System.getProperty(AE_TITLE, "QRSCP"));
    }

    /** Calling AE titles allowed to associate; empty means any. */
    public Set<String> peers() {
        return list(System.getProperty(PEERS, ""));
    }

    public Path storageRoot() {
        return Path.of(System.getProperty(STORAGE_ROOT,
                System.getProperty("jboss.server.data.dir", ".") + "/qr-storage"));
    }

    public int maxAssociations() {
        return intValue(MAX_ASSOCIATIONS, 16);
    }

    public AssociationSettings associationSettings() {
        return AssociationSettings.defaults()
                .withMaxPduLength(Math.max(AssociationSettings.MIN_PDU_LENGTH, intValue(MAX_PDU, 65536)))
                .withTimeouts(seconds(TIMEOUT_CONNECT, 10), seconds(TIMEOUT_ACSE, 30), seconds(TIMEOUT_DIMSE, 300));
    }

    private static Duration seconds(String key, int defaultSeconds) {
        int s = intValue(key, defaultSeconds);
        // A zero or negative timeout would mean "wait forever"; every network read here has a bound.
        return Duration.ofSeconds(s > 0 ? s : defaultSeconds);
    }

    private static int intValue(String key, int defaultValue) {
        String v = System.getProperty(key);
        try {
            return v == null || v.isBlank() ? defaultValue : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("system property " + key + " is not a number: " + v, e);
        }
    }

    private static Set<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
