package org.qrarchive.archive.query.control;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.qrarchive.dicom.data.DateTimes;
import org.qrarchive.dicom.data.VR;

/**
 * DA, TM and DT keys (PS3.4 C.2.2.2.5): single values and ranges "from-to", "from-", "-to", read with
 * {@link DateTimes} and turned into bounds the index columns compare against ({@link RangeBounds}).
 *
 * <p>A single DA value is Single Value Matching. A single TM or DT value may be partial ("10"), so it
 * matches the whole extent it covers, 10:00 to 10:59:59.999999, like the range "10-10"; an exact stored
 * value is inside its own extent, so nothing Single Value Matching finds is lost.
 */
final class DateTimeKeys {
    private DateTimeKeys() {
    }

    static Condition condition(QueryKey key, String value, boolean strict) throws QueryFailure {
        boolean range = value.indexOf('-') >= 0;
        if (strict && key.vr() != VR.DT) {
            // the parsers also read forms PS3.5 no longer allows ("10:30", "2020.01.01"); strict mode does not
            for (String bound : value.split("-", -1)) {
                ConditionParser.check(key, bound, true);
            }
        }
        try {
            return switch (key.vr()) {
                case DA -> range ? dateRange(key, DateTimes.parseDARange(value))
                        : new Condition.SingleValue(key, RangeBounds.date(DateTimes.parseDA(value)));
                case TM -> timeRange(key, DateTimes.parseTMRange(value));
                default -> dateTimeRange(key, DateTimes.parseDTRange(value));
            };
        } catch (IllegalArgumentException e) {
            String comment = (range ? "Invalid range in " : "Invalid value in ") + key;
            throw strict ? QueryFailure.doesNotMatch(comment, key.tag())
                    : QueryFailure.unableToProcess(comment, key.tag());
        }
    }

    private static Condition dateRange(QueryKey key, DateTimes.Range<LocalDate> r) {
        return new Condition.Range(key, r.from() == null ? null : RangeBounds.date(r.from()),
                r.to() == null ? null : RangeBounds.date(r.to()));
    }

    private static Condition timeRange(QueryKey key, DateTimes.Range<LocalTime> r) {
        return new Condition.Range(key, r.from() == null ? null : RangeBounds.lowerTime(r.from()),
                r.to() == null ? null : RangeBounds.upperTime(r.to()));
    }

    private static Condition dateTimeRange(QueryKey key, DateTimes.Range<LocalDateTime> r) {
        return new Condition.Range(key, r.from() == null ? null : RangeBounds.lowerDateTime(r.from()),
                r.to() == null ? null : RangeBounds.upperDateTime(r.to()));
    }
}
