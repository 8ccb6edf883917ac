package org.qrarchive.archive.config.control;

/** What peers may do with an archive AE's storage area (dcmqrscp's AETable access column). */
public enum Access {
    /** Query and retrieve only: storage contexts are refused. */
    R,
    /** Store, query and retrieve. */
    RW,
    /** Store only: query and retrieve contexts are refused. */
    W;

    public boolean reads() {
        return this != W;
    }

    public boolean writes() {
        return this != R;
    }
}
