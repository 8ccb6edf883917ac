package org.qrarchive.archive.config.control;

import java.util.regex.Pattern;

/**
 * A known peer AE (a HostTable entry): who may associate, and where a C-MOVE destination listens.
 *
 * @param name   symbolic name, unique among peers, groups and vendors' members
 * @param aeTitle the peer's AE title
 * @param host   host name or IP address the peer connects from and listens on; {@code null}: any host
 * @param port   the peer's listening port, 1-65535; 0 when it is none (it cannot be a move destination)
 */
public record PeerEntry(String name, String aeTitle, String host, int port) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\-\\[\\]%]{1,253}");

    void validate(String field) {
        Names.checkSymbolicName(field + ".name", name);
        AeTitles.check(field + ".aeTitle", aeTitle);
        if (host != null && !HOST.matcher(host).matches()) {
            throw new InvalidConfiguration(field + ".host", "not a host name or IP address: '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidConfiguration(field + ".port", "must be 1-65535, or 0 for none: " + port);
        }
    }
}
