package org.qrarchive.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the server under test is. Every value comes from a system property set by
 * maven-failsafe-plugin in qr-it/pom.xml (the same values go to arquillian.xml).
 */
public final class ItConfig {

    /** Host of every socket the tests open: the test server runs on this machine. */
    public static final String HOST = "127.0.0.1";

    /** Called AE title of the archive (default of qr.ae.title in configure-server.cli). */
    public static final String AE_TITLE = "QRSCP";

    private ItConfig() {
    }

    /** The archive's DICOM port in the test server ({@code -Dqr.dicom.port}, 11199). */
    public static int dicomPort() {
        return Integer.parseInt(required("qr.dicom.port"));
    }

    /** Management port of the test server (9990 + port offset 100 = 10090). */
    public static int managementPort() {
        return Integer.parseInt(System.getProperty("it.management.port", "10090"));
    }

    /** The WildFly the tests run against (qr-it/target/wildfly). */
    public static Path jbossHome() {
        return Path.of(required("jboss.home"));
    }

    /** The EAR under test (a copy of qr-ear/target/qr-archive.ear in qr-it/target). */
    public static Path ear() {
        Path ear = Path.of(required("qr.ear"));
        if (!Files.isRegularFile(ear)) {
            throw new IllegalStateException("The EAR under test does not exist: " + ear
                    + " (build it first: mvn verify from the repository root)");
        }
        return ear;
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name
                    + " is not set: run the integration tests through Maven (mvn verify), which sets it");
        }
        return value;
    }
}
