package org.qrarchive.archive.config.control;

/** The options of an archive AE that dcmqrscp.cfg has no column for, stored as one JSON value. */
public record AeOptions(StoreOptions store, FindOptions find, String preferredTransferSyntax,
        RetrieveOptions retrieve) {
    public static AeOptions of(ArchiveAe ae) {
        return new AeOptions(ae.store(), ae.find(), ae.preferredTransferSyntax(), ae.retrieve());
    }
}
