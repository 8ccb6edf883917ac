package org.qrarchive.dicom.data;

/**
 * How {@link DicomOutputStream} lays out a data set: dcmqrscp's output options (+e/-e, +g=/+g/-g,
 * +p/-p, +cl).
 *
 * @param undefinedLengths write sequences and items with undefined length and delimiters (-e)
 * @param groupLength      what to do with group length elements (gggg,0000)
 * @param filePadding      pad the file to a multiple of this many bytes with (FFFC,FFFC); 0 for none
 * @param itemPadding      pad each item to a multiple of this many bytes; 0 for none
 * @param deflateLevel     0-9, for the deflated transfer syntax
 */
public record EncodingOptions(boolean undefinedLengths, GroupLength groupLength, int filePadding, int itemPadding,
        int deflateLevel) {

    public enum GroupLength {
        /** Recalculate the group lengths the data set has (+g=, the default). */
        RECALCULATE,
        /** Write a group length element for every group (+g). */
        CREATE,
        /** Write no group length elements (-g). */
        REMOVE
    }

    public static final EncodingOptions DEFAULT = new EncodingOptions(false, GroupLength.RECALCULATE, 0, 0, 6);

    public EncodingOptions {
        if (deflateLevel < 0 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflate level must be 0-9: " + deflateLevel);
        }
        if (filePadding < 0 || itemPadding < 0 || (filePadding & 1) != 0 || (itemPadding & 1) != 0) {
            throw new IllegalArgumentException("padding must be even and not negative");
        }
    }

    public EncodingOptions withUndefinedLengths(boolean undefined) {
        return new EncodingOptions(undefined, groupLength, filePadding, itemPadding, deflateLevel);
    }

    public EncodingOptions withGroupLength(GroupLength policy) {
        return new EncodingOptions(undefinedLengths, policy, filePadding, itemPadding, deflateLevel);
    }

    public EncodingOptions withPadding(int file, int item) {
        return new EncodingOptions(undefinedLengths, groupLength, file, item, deflateLevel);
    }

    public EncodingOptions withDeflateLevel(int level) {
        return new EncodingOptions(undefinedLengths, groupLength, filePadding, itemPadding, level);
    }
}
