package org.qrarchive.dicom.net.pdu;

import java.util.List;

/**
 * User information item (PS3.8 §9.3.2.3, PS3.7 Annex D). Sub-items the library does not interpret
 * (extended negotiation, user identity) are kept raw in {@code otherItems} so nothing a peer sent is lost.
 *
 * @param maxPduLength     the largest P-DATA-TF variable field the sender will receive; 0 means unlimited
 * @param maxOpsInvoked    asynchronous operations window, or -1 when the sub-item is absent
 * @param maxOpsPerformed  asynchronous operations window, or -1 when the sub-item is absent
 */
public record UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName,
        int maxOpsInvoked, int maxOpsPerformed, List<RoleSelection> roleSelections, List<RawItem> otherItems) {

    public UserInformation {
        roleSelections = List.copyOf(roleSelections);
        otherItems = List.copyOf(otherItems);
    }

    public UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName) {
        this(maxPduLength, implementationClassUid, implementationVersionName, -1, -1, List.of(), List.of());
    }

    public boolean hasAsyncOpsWindow() {
        return maxOpsInvoked >= 0;
    }

    /** A sub-item kept as received. */
    public record RawItem(int type, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RawItem r && r.type == type && java.util.Arrays.equals(r.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * type + java.util.Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return String.format("RawItem[type=0x%02X, %d bytes]", type, value.length);
        }
    }
}
