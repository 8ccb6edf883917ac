package org.qrarchive.it.support;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The deployment of every test class: the real EAR built by qr-ear, unchanged. */
public final class Deployments {

    private Deployments() {
    }

    /** qr-archive.ear as built (deployed under its own name, so the web context stays /qr). */
    public static EnterpriseArchive archiveEar() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ItConfig.ear().toFile());
    }
}
