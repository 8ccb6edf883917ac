package org.qrarchive.dicom.dimse;

/** DIMSE-C command field values (PS3.7 §E.1). */
public enum Dimse {
    C_STORE_RQ(0x0001), C_STORE_RSP(0x8001),
    C_GET_RQ(0x0010), C_GET_RSP(0x8010),
    C_FIND_RQ(0x0020), C_FIND_RSP(0x8020),
    C_MOVE_RQ(0x0021), C_MOVE_RSP(0x8021),
    C_ECHO_RQ(0x0030), C_ECHO_RSP(0x8030),
    C_CANCEL_RQ(0x0FFF);

    private final int commandField;

    Dimse(int commandField) {
        this.commandField = commandField;
    }

    public int commandField() {
        return commandField;
    }

    public boolean isRequest() {
        return (commandField & 0x8000) == 0;
    }

    /** The response to this request. */
    public Dimse response() {
        return ofCommandField(commandField | 0x8000);
    }

    /** @return the command, or {@code null} for a value this library does not handle (e.g. DIMSE-N) */
    public static Dimse ofCommandField(int value) {
        for (Dimse d : values()) {
            if (d.commandField == value) {
                return d;
            }
        }
        return null;
    }
}
