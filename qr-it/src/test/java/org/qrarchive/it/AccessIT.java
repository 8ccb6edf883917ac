package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qrarchive.it.support.Dcmtk;
import org.qrarchive.it.support.Deployments;
import org.qrarchive.it.support.ItConfig;
import org.qrarchive.it.support.ProcessRunner;
import org.qrarchive.it.support.AdminApi;

/**
 * Calling AE title access control: the AE's peers, changed at runtime through the admin API, apply to the
 * next association.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void dcmtkInstalled() {
        Dcmtk.requireEchoscu();
    }

    @Test
    void onlyListedCallingAeTitlesAreAccepted() {
        AdminApi.Change peers = AdminApi.onlyPeers(ItConfig.AE_TITLE, "ECHOSCU", "GOODPEER");
        try {
            ProcessRunner.Result intruder = Dcmtk.echoscu("-aec", ItConfig.AE_TITLE, "-aet", "INTRUDER");
            assertAll("INTRUDER is not among the peers\n" + intruder.describe(),
                    () -> assertNotEquals(0, intruder.exitCode(), "echoscu exit code"),
                    () -> assertTrue(intruder.output().contains(Dcmtk.ASSOCIATION_REJECTED), "association rejected"),
                    () -> assertTrue(intruder.output().contains(Dcmtk.REJECTED_PERMANENT), "permanent rejection"),
                    () -> assertTrue(intruder.output().contains(Dcmtk.CALLING_AE_NOT_RECOGNIZED),
                            "reason: calling AE title not recognized"));

            ProcessRunner.Result goodPeer = Dcmtk.echoscu("-aec", ItConfig.AE_TITLE, "-aet", "GOODPEER");
            assertAll("GOODPEER is among the peers\n" + goodPeer.describe(),
                    () -> assertEquals(0, goodPeer.exitCode(), "echoscu exit code"),
                    () -> assertTrue(goodPeer.output().contains(Dcmtk.ECHO_SUCCESS), "echo response Success"));
        } finally {
            peers.close(); // the AE's peers back to ANY: any calling AE title accepted again
        }

        ProcessRunner.Result afterwards = Dcmtk.echoscu("-aec", ItConfig.AE_TITLE, "-aet", "INTRUDER");
        assertAll("the AE's peers back to ANY: everybody is accepted again\n" + afterwards.describe(),
                () -> assertEquals(0, afterwards.exitCode(), "echoscu exit code"),
                () -> assertTrue(afterwards.output().contains(Dcmtk.ECHO_SUCCESS), "echo response Success"));
    }
}
