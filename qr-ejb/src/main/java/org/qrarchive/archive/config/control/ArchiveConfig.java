package org.qrarchive.archive.config.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.qrarchive.dicom.data.EncodingOptions;
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
    public static final String PREFER_TS = "qr.prefer.ts";
    public static final String STORE_IGNORE = "qr.store.ignore";
    public static final String STORE_NO_PARALLEL = "qr.store.no-parallel";
    public static final String STORE_UID_PADDING = "qr.store.uid-padding";
    public static final String STORE_WRITE_DATASET = "qr.store.write-dataset";
    public static final String STORE_BIT_PRESERVING = "qr.store.bit-preserving";
    public static final String STORE_WRITE_TS = "qr.store.write-ts";
    public static final String STORE_GROUP_LENGTH = "qr.store.group-length";
    public static final String STORE_LENGTH = "qr.store.length";
    public static final String STORE_PADDING = "qr.store.padding";
    public static final String STORE_COMPRESSION_LEVEL = "qr.store.compression-level";
    public static final String STORE_FSYNC = "qr.store.fsync";
    public static final String STORE_DROP_CACHE = "qr.store.drop-cache";
    public static final String READERS = "qr.ae.readers";
    public static final String FIND_PATIENT_ROOT = "qr.find.patient-root";
    public static final String FIND_STUDY_ROOT = "qr.find.study-root";
    public static final String FIND_PATIENT_STUDY_ONLY = "qr.find.patient-study-only";
    public static final String FIND_CHECK = "qr.find.check";
    public static final String FIND_PN_CASE_SENSITIVE = "qr.find.pn-case-sensitive";
    public static final String FIND_MAX_MATCHES = "qr.find.max-matches";
    public static final String FIND_CHARSET = "qr.find.charset";
    public static final String FIND_CONVERT_TO = "qr.find.convert-to";
    public static final String FIND_UNENCODABLE = "qr.find.unencodable";

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

    /** The storage area of an archive AE: a directory of its own below the storage root. */
    public Path storageArea(String aeTitle) {
        return storageRoot().resolve(aeTitle);
    }

    /** Transfer syntaxes accepted for storage, the preferred one ({@value #PREFER_TS}) first. */
    public List<String> storageTransferSyntaxes() {
        return TransferSyntaxPreference.forStorage(System.getProperty(PREFER_TS, "uncompr"));
    }

    public StoreSettings storeSettings() {
        EncodingOptions encoding = EncodingOptions.DEFAULT
                .withUndefinedLengths("undefined".equalsIgnoreCase(System.getProperty(STORE_LENGTH, "explicit").trim()))
                .withGroupLength(groupLength(System.getProperty(STORE_GROUP_LENGTH, "recalc")))
                .withDeflateLevel(intValue(STORE_COMPRESSION_LEVEL, 6));
        String padding = System.getProperty(STORE_PADDING, "off").trim();
        if (!padding.equalsIgnoreCase("off") && !padding.isEmpty()) {
            String[] fi = padding.split(",");
            encoding = encoding.withPadding(Integer.parseInt(fi[0].trim()),
                    fi.length > 1 ? Integer.parseInt(fi[1].trim()) : 0);
        }
        return new StoreSettings(flag(STORE_IGNORE), flag(STORE_NO_PARALLEL), flag(STORE_UID_PADDING),
                flag(STORE_WRITE_DATASET), flag(STORE_BIT_PRESERVING),
                TransferSyntaxPreference.forWriting(System.getProperty(STORE_WRITE_TS, "same")), encoding,
                !"false".equalsIgnoreCase(System.getProperty(STORE_FSYNC, "true").trim()),
                !"false".equalsIgnoreCase(System.getProperty(STORE_DROP_CACHE, "true").trim()));
    }

    private static EncodingOptions.GroupLength groupLength(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "create" -> EncodingOptions.GroupLength.CREATE;
            case "remove" -> EncodingOptions.GroupLength.REMOVE;
            case "recalc", "" -> EncodingOptions.GroupLength.RECALCULATE;
            default -> throw new IllegalStateException(STORE_GROUP_LENGTH + " must be recalc, create or remove: " + value);
        };
    }

    private static boolean flag(String key) {
        return Boolean.parseBoolean(System.getProperty(key, "false").trim());
    }

    /** Calling AE titles allowed to query and retrieve; empty means any. */
    public Set<String> readers() {
        return list(System.getProperty(READERS, ""));
    }

    /** Whether a Query/Retrieve information model is offered (dcmqrscp -QP, -QS, -QO switch them off). */
    public boolean modelEnabled(String property) {
        return !"false".equalsIgnoreCase(System.getProperty(property, "true").trim());
    }

    public FindSettings findSettings() {
        String charset = System.getProperty(FIND_CHARSET, "request").trim();
        String convertTo = System.getProperty(FIND_CONVERT_TO, "stored").trim();
        String unencodable = System.getProperty(FIND_UNENCODABLE, "replace").trim().toUpperCase(java.util.Locale.ROOT);
        return new FindSettings(flag(FIND_CHECK), flag(FIND_PN_CASE_SENSITIVE), intValue(FIND_MAX_MATCHES, 100_000),
                !charset.equalsIgnoreCase("override"), FindSettings.charsetTerm(convertTo), unencodable);
    }

    public int maxAssociations() {
        return intValue(MAX_ASSOCIATIONS, 16);
    }

    public AssociationSettings associationSettings() {
        return AssociationSettings.defaults()
                .withMaxPduLength(Math.max(AssociationSettings.MIN_PDU_LENGTH, intValue(MAX_PDU, 262144)))
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
