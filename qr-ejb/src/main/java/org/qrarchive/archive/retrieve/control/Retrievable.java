package org.qrarchive.archive.retrieve.control;

/** One instance to send: what its C-STORE-RQ says and where its file is (relative to the storage area). */
public record Retrievable(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String filePath,
        long fileSize) {
}
