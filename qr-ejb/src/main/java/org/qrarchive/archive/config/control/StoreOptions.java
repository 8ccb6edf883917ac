package org.qrarchive.archive.config.control;

import java.util.Locale;

import org.qrarchive.dicom.data.EncodingOptions;

/**
 * dcmqrscp's storage and output options of one archive AE, as configured (JSON field names); {@link #toSettings}
 * turns them into what the store path uses, and refuses a bad value.
 *
 * @param ignore              receive, answer success, store nothing (--ignore)
 * @param noParallel          refuse storage contexts while another association holds them (--no-parallel-store)
 * @param uidPadding          silently correct space-padded UIDs (--uid-padding)
 * @param writeDataset        write the bare data set, without file meta information (--write-dataset)
 * @param bitPreserving       write the data set bytes as received (+B)
 * @param writeTransferSyntax same, little, big, implicit, deflated (+t=, +te, +tb, +ti, +td)
 * @param groupLength         recalc, create, remove (+g=, +g, -g)
 * @param itemLengths         explicit, undefined (+e, -e)
 * @param padding             off, or "FILE,ITEM" byte multiples (-p, +p)
 * @param compressionLevel    deflate level 0-9 (+cl)
 * @param fsync               force each object to disk before answering success
 * @param dropCache           after success, let the kernel drop the object's cached pages
 */
public record StoreOptions(boolean ignore, boolean noParallel, boolean uidPadding, boolean writeDataset,
        boolean bitPreserving, String writeTransferSyntax, String groupLength, String itemLengths, String padding,
        int compressionLevel, boolean fsync, boolean dropCache) {

    public static final StoreOptions DEFAULTS = new StoreOptions(false, false, false, false, false, "same", "recalc",
            "explicit", "off", 6, true, true);

    public StoreOptions {
        writeTransferSyntax = orDefault(writeTransferSyntax, "same");
        groupLength = orDefault(groupLength, "recalc");
        itemLengths = orDefault(itemLengths, "explicit");
        padding = orDefault(padding, "off");
    }

    private static String orDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v.trim().toLowerCase(Locale.ROOT);
    }

    /** The store path's settings; throws {@link InvalidConfiguration} naming the field under {@code field}. */
    public StoreSettings toSettings(String field) {
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new InvalidConfiguration(field + ".compressionLevel", "must be 0-9: " + compressionLevel);
        }
        EncodingOptions encoding = EncodingOptions.DEFAULT
                .withUndefinedLengths(switch (itemLengths) {
                    case "explicit" -> false;
                    case "undefined" -> true;
                    default -> throw new InvalidConfiguration(field + ".itemLengths",
                            "explicit or undefined: " + itemLengths);
                })
                .withGroupLength(switch (groupLength) {
                    case "recalc" -> EncodingOptions.GroupLength.RECALCULATE;
                    case "create" -> EncodingOptions.GroupLength.CREATE;
                    case "remove" -> EncodingOptions.GroupLength.REMOVE;
                    default -> throw new InvalidConfiguration(field + ".groupLength",
                            "recalc, create or remove: " + groupLength);
                })
                .withDeflateLevel(compressionLevel);
        if (!padding.equals("off")) {
            String[] fi = padding.split(",");
            try {
                int file = Integer.parseInt(fi[0].trim());
                int item = fi.length > 1 ? Integer.parseInt(fi[1].trim()) : 0;
                if (fi.length > 2 || file < 0 || item < 0 || file % 2 != 0 || item % 2 != 0) {
                    throw new NumberFormatException();
                }
                encoding = encoding.withPadding(file, item);
            } catch (NumberFormatException e) {
                throw new InvalidConfiguration(field + ".padding",
                        "off, or FILE,ITEM as even byte multiples (e.g. 2048,64): " + padding);
            }
        }
        try {
            return new StoreSettings(ignore, noParallel, uidPadding, writeDataset, bitPreserving,
                    TransferSyntaxPreference.forWriting(writeTransferSyntax), encoding, fsync, dropCache);
        } catch (IllegalStateException e) {
            throw new InvalidConfiguration(field + ".writeTransferSyntax", e.getMessage());
        }
    }
}
