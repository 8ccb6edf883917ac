package org.qrarchive.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

/** C-ECHO (Verification) against the deployed archive with DCMTK's echoscu. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EchoIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.archiveEar();
    }

    @BeforeAll
    static void dcmtkInstalled() {
        Dcmtk.requireEchoscu(); // fails (does not skip) without DCMTK
    }

    @Test
    void echoSucceeds() {
        ProcessRunner.Result echo = Dcmtk.echoscu("-aec", ItConfig.AE_TITLE);

        assertAll(echo.describe(),
                () -> assertEquals(0, echo.exitCode(), "echoscu exit code"),
                () -> assertTrue(echo.output().contains("Association Accepted"), "association accepted"),
                () -> assertTrue(echo.output().contains(Dcmtk.ECHO_SUCCESS), "echo response Success"));
    }

    @Test
    void wrongCalledAeTitleIsRejected() {
        ProcessRunner.Result echo = Dcmtk.echoscu("-aec", "NOBODY");

        assertAll(echo.describe(),
                () -> assertNotEquals(0, echo.exitCode(), "echoscu exit code"),
                () -> assertTrue(echo.output().contains(Dcmtk.ASSOCIATION_REJECTED), "association rejected"),
                () -> assertTrue(echo.output().contains(Dcmtk.REJECTED_PERMANENT), "permanent rejection"),
                () -> assertTrue(echo.output().contains(Dcmtk.CALLED_AE_NOT_RECOGNIZED),
                        "reason: called AE title not recognized"),
                () -> assertTrue(!echo.output().contains(Dcmtk.ECHO_SUCCESS), "no echo response"));
    }

    @Test
    void twentyConcurrentEchoesAllSucceed() {
        int count = 20;
        // The point here is concurrency, not the association limit (default 16, see RobustnessIT):
        // 20 processes started together could really overlap by more than 16.
        try (AdminApi.Change limit = AdminApi.settings(s -> s.get("maxAssociations").set(64))) {
            List<ProcessRunner.Running> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                running.add(ProcessRunner.start(Dcmtk.echoscuCommand("-aec", ItConfig.AE_TITLE)));
            }
            List<ProcessRunner.Result> results = new ArrayList<>();
            for (ProcessRunner.Running process : running) {
                results.add(process.await(Duration.ofSeconds(60)));
            }

            StringBuilder failures = new StringBuilder();
            for (ProcessRunner.Result result : results) {
                if (result.exitCode() != 0 || !result.output().contains(Dcmtk.ECHO_SUCCESS)) {
                    failures.append(result.describe()).append('\n');
                }
            }
            assertTrue(failures.isEmpty(), "Not all of the " + count + " concurrent echoscu succeeded:\n" + failures);
        }
    }
}
