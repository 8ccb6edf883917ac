package org.qrarchive.archive.config.control;

import org.qrarchive.dicom.data.EncodingOptions;
import org.qrarchive.dicom.data.TransferSyntax;

/**
 * How received objects are written: dcmqrscp's storage and output options as one value.
 *
 * @param ignore           receive, answer success, store nothing (--ignore)
 * @param noParallelStore  refuse storage contexts for an AE title another association holds (--no-parallel-store)
 * @param fixUidPadding    silently correct space-padded UIDs (--uid-padding)
 * @param writeDataset     write the bare data set, without file meta information (--write-dataset)
 * @param bitPreserving    write the data set exactly as received (+B)
 * @param writeSyntax      transfer syntax to write, or {@code null} for the one received (+t=)
 * @param encoding         group length, length encoding, padding and deflate level (+g, +e, +p, +cl)
 * @param fsync            force each file to disk before answering success
 * @param dropCache        once a file is forced to disk, let the kernel drop its cached pages
 */
public record StoreSettings(boolean ignore, boolean noParallelStore, boolean fixUidPadding, boolean writeDataset,
        boolean bitPreserving, TransferSyntax writeSyntax, EncodingOptions encoding, boolean fsync,
        boolean dropCache) {

    /**
     * Whether the received bytes can be written as they are: nothing asks for a re-encoding of the data
     * set. Then storing is one sequential write, the fastest path.
     */
    public boolean asReceived(TransferSyntax received) {
        return bitPreserving || received.encapsulated()
                || ((writeSyntax == null || writeSyntax.equals(received)) && EncodingOptions.DEFAULT.equals(encoding));
    }
}
