package org.qrarchive.archive.config.control;

import java.nio.file.Path;
import java.util.List;

import org.qrarchive.dicom.net.Association;

/**
 * What one association works with: the configuration snapshot it started with, its archive AE and that AE's
 * settings prepared for the store and find paths. Kept on the association, so a change made meanwhile
 * applies to the next association only.
 */
public record AeConfig(Configuration configuration, ArchiveAe ae, Path storageArea, StoreSettings store,
        FindSettings find, List<String> storageTransferSyntaxes) {
    private static final String PROPERTY = "qr.config";

    public static AeConfig of(Configuration configuration, ArchiveAe ae, Path storageRoot) {
        String field = "aes[" + ae.aeTitle() + "]";
        return new AeConfig(configuration, ae, Configuration.storageArea(ae, storageRoot),
                ae.store().toSettings(field + ".store"),
                FindSettings.of(ae.find(), configuration.global().findCharset()),
                TransferSyntaxPreference.forStorage(ae.preferredTransferSyntax()));
    }

    public void attachTo(Association as) {
        as.setProperty(PROPERTY, this);
    }

    /** The configuration of an association this archive accepted. */
    public static AeConfig of(Association as) {
        AeConfig c = (AeConfig) as.getProperty(PROPERTY);
        if (c == null) {
            throw new IllegalStateException(as + " has no configuration: not negotiated by the archive");
        }
        return c;
    }
}
