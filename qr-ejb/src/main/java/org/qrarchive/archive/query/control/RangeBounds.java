package org.qrarchive.archive.query.control;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.qrarchive.dicom.data.DateTimes;

/**
 * Bounds of DA, TM and DT range keys as strings that compare right against the index columns, which
 * hold the values as received.
 *
 * <p>DA is always "YYYYMMDD", so string order is date order. TM and DT may be partial ("10" is 10:00 to
 * 10:59) and of any precision, and string order is still time order for values that keep the fixed
 * positions of DICOM (a prefix sorts first). A stored value therefore counts as the first instant it
 * covers, and:
 * <ul>
 * <li>a lower bound is the shortest string of its first instant ("10" for 10:00:00.000000): every stored
 * value of that instant or later sorts at or above it, every earlier one below;</li>
 * <li>an upper bound is its last instant written in full ("113059.999999" for "-1130"): every stored value
 * whose first instant is at or before it sorts at or below it.</li>
 * </ul>
 * Limits, accepted because such values are rare and the comparison stays on the indexed column: values in
 * the pre-3.0 "HH:MM:SS" form, a leap second "60" at the upper edge, and DT values' UTC offsets are
 * compared as written. A DA key and a TM key in one identifier are matched independently, as dcmqrscp does
 * (combined date-time matching needs extended negotiation, PS3.4 C.2.2.2.5.1).
 */
final class RangeBounds {
    private RangeBounds() {
    }

    static String date(LocalDate date) {
        return DateTimes.formatDA(date);
    }

    /** "10", "1030", "103015" or "103015.5": trailing components that are zero are left out. */
    static String lowerTime(LocalTime time) {
        String s = DateTimes.formatTM(time);
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            return s.substring(0, end);
        }
        if (s.endsWith("00")) {
            s = s.substring(0, 4);
            if (s.endsWith("00")) {
                s = s.substring(0, 2);
            }
        }
        return s;
    }

    /** "HHMMSS.FFFFFF" in full. */
    static String upperTime(LocalTime time) {
        return String.format("%02d%02d%02d.%06d", time.getHour(), time.getMinute(), time.getSecond(),
                time.getNano() / 1000);
    }

    /** Like {@link #lowerTime}; a date part at midnight drops a first day ("01") and then a first month. */
    static String lowerDateTime(LocalDateTime dateTime) {
        String date = DateTimes.formatDA(dateTime.toLocalDate());
        String time = lowerTime(dateTime.toLocalTime());
        if (!time.equals("00")) {
            return date + time;
        }
        if (date.endsWith("0101")) {
            return date.substring(0, 4);
        }
        return date.endsWith("01") ? date.substring(0, 6) : date;
    }

    static String upperDateTime(LocalDateTime dateTime) {
        return DateTimes.formatDA(dateTime.toLocalDate()) + upperTime(dateTime.toLocalTime());
    }
}
