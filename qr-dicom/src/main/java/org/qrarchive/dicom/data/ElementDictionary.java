package org.qrarchive.dicom.data;

import java.util.HashMap;
import java.util.Map;

/**
 * Maps tags to their VR, needed to read implicit VR data.
 *
 * <p>Group lengths (gggg,0000) are UL by rule (PS3.5 §7.2); private creators (gggg,0010-00FF) of odd
 * groups are LO; anything unknown reads as UN so that it survives a round trip unchanged.
 */
public final class ElementDictionary {
    private static final Map<Integer, VR> COMMAND_VRS = new HashMap<>();

    static {
        put(VR.UL, Tag.CommandGroupLength);
        put(VR.UI, Tag.AffectedSOPClassUID, Tag.RequestedSOPClassUID, Tag.AffectedSOPInstanceUID,
                Tag.RequestedSOPInstanceUID);
        put(VR.US, Tag.CommandField, Tag.MessageID, Tag.MessageIDBeingRespondedTo, Tag.Priority,
                Tag.CommandDataSetType, Tag.Status, Tag.ErrorID, Tag.NumberOfRemainingSuboperations,
                Tag.NumberOfCompletedSuboperations, Tag.NumberOfFailedSuboperations,
                Tag.NumberOfWarningSuboperations, Tag.MoveOriginatorMessageID);
        put(VR.AE, Tag.MoveDestination, Tag.MoveOriginatorApplicationEntityTitle);
        put(VR.AT, Tag.OffendingElement);
        put(VR.LO, Tag.ErrorComment);
    }

    private ElementDictionary() {
    }

    private static void put(VR vr, int... tags) {
        for (int tag : tags) {
            COMMAND_VRS.put(tag, vr);
        }
    }

    public static VR vrOf(int tag) {
        if ((tag & 0xFFFF) == 0) {
            return VR.UL;
        }
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        if ((group & 1) != 0 && element >= 0x10 && element <= 0xFF) {
            return VR.LO;
        }
        VR vr = COMMAND_VRS.get(tag);
        return vr != null ? vr : VR.UN;
    }
}
