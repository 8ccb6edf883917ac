package org.qrarchive.archive.config.control;

import java.time.Duration;

import org.qrarchive.dicom.net.AssociationSettings;

/**
 * The settings of the whole archive (dcmqrscp.cfg's global parameters and the global options).
 *
 * @param port            TCP port of the DICOM listener (NetworkTCPPort); applied by a rebind
 * @param bindAddress     address to listen on, "" for all; applied by a rebind
 * @param maxAssociations concurrent associations; more are rejected, transient (MaxAssociations)
 * @param maxPdu          our maximum receive PDU length in bytes (MaxPDUSize), 4096 to 16 MiB
 * @param acseTimeout     seconds to wait for A-ASSOCIATE-RQ and release (-ta)
 * @param dimseTimeout    seconds an association may stay idle (-td)
 * @param connectTimeout  seconds to connect for outgoing associations (-to)
 * @param findCharset     the character set of C-FIND responses (SpecificCharacterSet)
 */
public record GlobalSettings(int port, String bindAddress, int maxAssociations, int maxPdu, int acseTimeout,
        int dimseTimeout, int connectTimeout, CharsetOptions findCharset) {

    public static final GlobalSettings DEFAULTS = new GlobalSettings(11112, "", 16, 262144, 30, 300, 10,
            CharsetOptions.DEFAULTS);

    public GlobalSettings {
        bindAddress = bindAddress == null ? "" : bindAddress.trim();
        findCharset = findCharset == null ? CharsetOptions.DEFAULTS : findCharset;
    }

    /** The upper layer settings of an association: our max PDU and the timeouts. */
    public AssociationSettings associationSettings() {
        return AssociationSettings.defaults().withMaxPduLength(maxPdu).withTimeouts(Duration.ofSeconds(connectTimeout),
                Duration.ofSeconds(acseTimeout), Duration.ofSeconds(dimseTimeout));
    }

    void validate(String field) {
        if (port < 1 || port > 65535) {
            throw new InvalidConfiguration(field + ".port", "must be 1-65535: " + port);
        }
        if (maxAssociations < 1) {
            throw new InvalidConfiguration(field + ".maxAssociations", "must be at least 1: " + maxAssociations);
        }
        if (maxPdu < 4096 || maxPdu > 16 * 1024 * 1024) {
            throw new InvalidConfiguration(field + ".maxPdu", "must be 4096-16777216 bytes: " + maxPdu);
        }
        positive(field + ".acseTimeout", acseTimeout);
        positive(field + ".dimseTimeout", dimseTimeout);
        positive(field + ".connectTimeout", connectTimeout);
        findCharset.validate(field + ".findCharset");
    }

    // every network read has a bound: no zero or negative timeout ("wait forever")
    private static void positive(String field, int seconds) {
        if (seconds < 1) {
            throw new InvalidConfiguration(field, "must be at least 1 second: " + seconds);
        }
    }
}
