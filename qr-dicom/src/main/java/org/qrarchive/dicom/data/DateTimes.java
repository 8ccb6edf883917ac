package org.qrarchive.dicom.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parsing and formatting of the DA, TM and DT value representations (PS3.5 Table 6.2-1) and of the
 * range matching keys built from them (PS3.4 C.2.2.2.5).
 *
 * <p>Common rules of every parser here:
 * <ul>
 * <li>Trailing spaces are padding (PS3.5 §6.2) and are ignored; leading and embedded spaces are errors.</li>
 * <li>TM and DT values may omit trailing components ("10" is the hour 10:00-10:59). The plain parsers
 * give the first instant a value covers, the {@code ...Upper} parsers the last one. DICOM's resolution is
 * one microsecond, so a last instant ends in .999999.</li>
 * <li>Seconds may be 60 (a leap second, PS3.5 Table 6.2-1). {@link LocalTime} cannot hold it, so it is
 * read as the last microsecond of second 59, which keeps the order of values.</li>
 * <li>A malformed value raises {@link IllegalArgumentException} whose message names the VR, quotes the
 * value and says what is wrong; {@code null} raises {@link NullPointerException}.</li>
 * </ul>
 */
public final class DateTimes {
    /**
     * Bounds of a range matching key; a {@code null} bound is open. Both bounds are inclusive. The
     * parsers do not compare the bounds: a key whose {@code from} is after {@code to} is returned as
     * written, and matching it is the caller's decision.
     */
    public record Range<T>(T from, T to) {
    }

    /** Marks an omitted (null) component in the parsed fields below. */
    private static final int NULL = -1;
    private static final int LAST_MICROSECOND_NANOS = 999_999_000;
    private static final LocalTime LAST_INSTANT_OF_DAY = LocalTime.of(23, 59, 59, LAST_MICROSECOND_NANOS);
    /** PS3.5 Table 6.2-1 note: "The range of the offset is -1200 to +1400". */
    private static final int MIN_OFFSET_MINUTES = -12 * 60;
    private static final int MAX_OFFSET_MINUTES = 14 * 60;
    /** The pre-3.0 TM form "HH:MM:SS.frac" that PS3.5 recommends reading for backward compatibility. */
    private static final Pattern COLON_TIME = Pattern.compile("[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]*)?)?");

    private DateTimes() {
    }

    // ---------------------------------------------------------------------------------------------- DA

    /**
     * Parses a DA value "YYYYMMDD". The ACR-NEMA form "YYYY.MM.DD", which PS3.5 calls non-compliant but
     * which old archives still hold, is read as well.
     */
    public static LocalDate parseDA(String value) {
        String s = stripTrailingSpaces(Objects.requireNonNull(value, "DA value"));
        if (isAcrNemaDate(s)) {
            s = s.substring(0, 4) + s.substring(5, 7) + s.substring(8);
        }
        if (s.length() != 8 || !allDigits(s)) {
            throw invalid("DA", value, "expected YYYYMMDD");
        }
        return date("DA", value, number(s, 0, 4), number(s, 4, 6), number(s, 6, 8));
    }

    private static boolean isAcrNemaDate(String s) {
        return s.length() == 10 && s.charAt(4) == '.' && s.charAt(7) == '.';
    }

    // ---------------------------------------------------------------------------------------------- TM

    /**
     * Parses a TM value "HH", "HHMM", "HHMMSS" or "HHMMSS.F" with 1 to 6 fraction digits, or the pre-3.0
     * form "HH:MM:SS.frac", to the first instant it covers.
     */
    public static LocalTime parseTM(String value) {
        return timeOf(value).first();
    }

    /** Like {@link #parseTM} but gives the last instant the value covers: "10" is 10:59:59.999999. */
    public static LocalTime parseTMUpper(String value) {
        return timeOf(value).last();
    }

    private static TimeFields timeOf(String value) {
        String s = stripTrailingSpaces(Objects.requireNonNull(value, "TM value"));
        if (s.indexOf(':') >= 0) {
            if (!COLON_TIME.matcher(s).matches()) {
                throw invalid("TM", value, "colons are only read in the form HH:MM:SS.frac");
            }
            s = s.replace(":", "");
        }
        return TimeFields.parse(s, "TM", value);
    }

    // ---------------------------------------------------------------------------------------------- DT

    /**
     * Parses a DT value YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]] with an optional UTC offset suffix "&ZZXX" to
     * the first instant it covers.
     *
     * @return an {@link OffsetDateTime} when the value has an offset suffix, otherwise a
     *     {@link LocalDateTime}
     */
    public static Temporal parseDT(String value) {
        return DateTimeFields.parse(value).first();
    }

    /** Like {@link #parseDT} but gives the last instant the value covers: "2020" is 2020-12-31T23:59:59.999999. */
    public static Temporal parseDTUpper(String value) {
        return DateTimeFields.parse(value).last();
    }

    // ------------------------------------------------------------------------------------------ ranges

    /** Parses a DA range matching key: "from-to", "from-", "-to" or a single date (from == to). */
    public static Range<LocalDate> parseDARange(String value) {
        String s = stripTrailingSpaces(Objects.requireNonNull(value, "DA range"));
        return range("DA", s, onlySeparator("DA", s), DateTimes::parseDA, DateTimes::parseDA);
    }

    /**
     * Parses a TM range matching key: "from-to", "from-", "-to" or a single time. A partial {@code to}
     * bound covers its whole extent ("-10" ends at 10:59:59.999999), as does a single value
     * ("10" is 10:00 to 10:59:59.999999).
     */
    public static Range<LocalTime> parseTMRange(String value) {
        String s = stripTrailingSpaces(Objects.requireNonNull(value, "TM range"));
        return range("TM", s, onlySeparator("TM", s), DateTimes::parseTM, DateTimes::parseTMUpper);
    }

    /**
     * Parses a DT range matching key like {@link #parseTMRange}, <b>ignoring</b> UTC offsets: each bound is
     * the date and time as written. This suits an archive that stores DT values as received and compares
     * them as written; use {@link #parseDTRange(String, ZoneOffset)} to compare instants instead.
     *
     * <p>Since a negative offset also starts with '-', the separator is found by this rule: a '-' is the
     * sign of an offset when it directly follows a digit, is followed by exactly four digits that end the
     * key or are followed by another '-', and those digits form an offset PS3.5 allows (-0001 to -1200;
     * "-0000" is not allowed). Every other '-' is the range separator, and there may be only one. Thus
     * "2020-" is "from 2020", "-0500" is "up to the year 500" (a leading '-' follows no digit),
     * "20200101-0500" is a single value with offset -05:00,
     * "20200101-0500-20200102" is a range whose {@code from} has an offset, and "2019-2020" is a range
     * (-20:20 is no valid offset). The one thing the rule cannot express is a range whose {@code to} is a
     * bare year up to 1200 after a value ("2020-1100" is year 2020 at offset -11:00); such a year must be
     * written with month and day ("2020-11000101").
     */
    public static Range<LocalDateTime> parseDTRange(String value) {
        return dtRange(value, null);
    }

    /**
     * Parses a DT range matching key like {@link #parseDTRange(String)}, but normalizes bounds that carry a
     * UTC offset to the local date and time at {@code target}. Bounds without an offset are taken to be in
     * {@code target} already: PS3.5 reads them in the local time zone of their creator, which the caller
     * knows (from Timezone Offset From UTC (0008,0201) or its configuration) and this class does not.
     */
    public static Range<LocalDateTime> parseDTRange(String value, ZoneOffset target) {
        return dtRange(value, Objects.requireNonNull(target, "target offset"));
    }

    private static Range<LocalDateTime> dtRange(String value, ZoneOffset target) {
        String s = stripTrailingSpaces(Objects.requireNonNull(value, "DT range"));
        return range("DT", s, dtSeparator(s),
                bound -> toLocal(parseDT(bound), target), bound -> toLocal(parseDTUpper(bound), target));
    }

    private static LocalDateTime toLocal(Temporal t, ZoneOffset target) {
        if (t instanceof OffsetDateTime odt) {
            return target == null ? odt.toLocalDateTime() : odt.withOffsetSameInstant(target).toLocalDateTime();
        }
        return (LocalDateTime) t;
    }

    /** The index of the range separator of a DA or TM key, whose values never contain '-', or -1. */
    private static int onlySeparator(String vr, String s) {
        int first = s.indexOf('-');
        if (first >= 0 && s.indexOf('-', first + 1) >= 0) {
            throw invalid(vr + " range", s, "more than one '-'");
        }
        return first;
    }

    /** The index of the range separator of a DT key, or -1: see {@link #parseDTRange(String)} for the rule. */
    private static int dtSeparator(String s) {
        int separator = -1;
        for (int i = s.indexOf('-'); i >= 0; i = s.indexOf('-', i + 1)) {
            if (!isOffsetSign(s, i)) {
                if (separator >= 0) {
                    throw invalid("DT range", s, "more than one '-' that is not part of a UTC offset");
                }
                separator = i;
            }
        }
        return separator;
    }

    private static boolean isOffsetSign(String s, int i) {
        int end = i + 5;
        return i > 0 && isAsciiDigit(s.charAt(i - 1))
                && end <= s.length() && (end == s.length() || s.charAt(end) == '-')
                && offsetOrNull(s, i) != null;
    }

    private static <T> Range<T> range(String vr, String s, int separator,
                                      Function<String, T> from, Function<String, T> to) {
        if (separator < 0) {
            return new Range<>(from.apply(s), to.apply(s));
        }
        String left = s.substring(0, separator);
        String right = s.substring(separator + 1);
        if (left.isEmpty() && right.isEmpty()) {
            throw invalid(vr + " range", s, "a range needs at least one bound");
        }
        // the bound parsers drop trailing spaces as padding, but inside a key a space is an embedded one
        if (left.endsWith(" ")) {
            throw invalid(vr + " range", s, "space before '-'");
        }
        return new Range<>(left.isEmpty() ? null : from.apply(left), right.isEmpty() ? null : to.apply(right));
    }

    // -------------------------------------------------------------------------------------- formatting

    /** "YYYYMMDD"; years outside 0000-9999 cannot be written. */
    public static String formatDA(LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " does not fit the four digits of DA");
        }
        return String.format("%04d%02d%02d", year, date.getMonthValue(), date.getDayOfMonth());
    }

    /** "HHMMSS", with ".FFFFFF" when there is a fraction; digits beyond the microsecond are dropped. */
    public static String formatTM(LocalTime time) {
        String hms = String.format("%02d%02d%02d", time.getHour(), time.getMinute(), time.getSecond());
        int micros = time.getNano() / 1000;
        return micros == 0 ? hms : hms + String.format(".%06d", micros);
    }

    /** "YYYYMMDDHHMMSS[.FFFFFF]" without offset suffix. */
    public static String formatDT(LocalDateTime dateTime) {
        return formatDA(dateTime.toLocalDate()) + formatTM(dateTime.toLocalTime());
    }

    /** "YYYYMMDDHHMMSS[.FFFFFF]&ZZXX"; UTC is written "+0000" as PS3.5 requires. */
    public static String formatDT(OffsetDateTime dateTime) {
        return formatDT(dateTime.toLocalDateTime()) + formatOffset(dateTime.getOffset());
    }

    private static String formatOffset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        if (seconds % 60 != 0 || !isDicomOffset(seconds / 60)) {
            throw new IllegalArgumentException("offset " + offset + " is not an offset DT can hold");
        }
        int minutes = Math.abs(seconds / 60);
        return String.format("%c%02d%02d", seconds < 0 ? '-' : '+', minutes / 60, minutes % 60);
    }

    // ------------------------------------------------------------------------------------------ fields

    /** The components of a TM value (or the time part of a DT value); omitted ones are {@link #NULL}. */
    private record TimeFields(int hour, int minute, int second, int micros, int fractionDigits) {
        static TimeFields parse(String tm, String vr, String value) {
            int dot = tm.indexOf('.');
            String hms = dot < 0 ? tm : tm.substring(0, dot);
            if (hms.isEmpty() || hms.length() > 6 || hms.length() % 2 != 0 || !allDigits(hms)) {
                throw invalid(vr, value, "time must be HH, HHMM, HHMMSS or HHMMSS.F to HHMMSS.FFFFFF");
            }
            int hour = field(vr, value, "hour", number(hms, 0, 2), 0, 23);
            int minute = hms.length() >= 4 ? field(vr, value, "minute", number(hms, 2, 4), 0, 59) : NULL;
            int second = hms.length() >= 6 ? field(vr, value, "second", number(hms, 4, 6), 0, 60) : NULL;
            if (dot < 0) {
                return new TimeFields(hour, minute, second, 0, 0);
            }
            String fraction = tm.substring(dot + 1);
            if (second == NULL) {
                throw invalid(vr, value, "a fraction needs the seconds before it");
            }
            if (fraction.isEmpty() || fraction.length() > 6 || !allDigits(fraction)) {
                throw invalid(vr, value, "a fraction has 1 to 6 digits");
            }
            int micros = Integer.parseInt(fraction) * pow10(6 - fraction.length());
            return new TimeFields(hour, minute, second, micros, fraction.length());
        }

        LocalTime first() {
            if (second == 60) {
                return leapSecond();
            }
            return LocalTime.of(hour, orZero(minute), orZero(second), micros * 1000);
        }

        /** Omitted components are at their maximum; "HHMMSS.F" covers F00000 to F99999 microseconds. */
        LocalTime last() {
            if (second == 60) {
                return leapSecond();
            }
            int lastMicros = micros + pow10(6 - fractionDigits) - 1;
            return LocalTime.of(hour, minute == NULL ? 59 : minute, second == NULL ? 59 : second, lastMicros * 1000);
        }

        private LocalTime leapSecond() {
            return LocalTime.of(hour, minute, 59, LAST_MICROSECOND_NANOS);
        }
    }

    /** The components of a DT value; {@code time} and {@code offset} are {@code null} when omitted. */
    private record DateTimeFields(int year, int month, int day, TimeFields time, ZoneOffset offset) {
        static DateTimeFields parse(String value) {
            String s = stripTrailingSpaces(Objects.requireNonNull(value, "DT value"));
            int sign = s.length() - 5;
            ZoneOffset offset = null;
            if (sign >= 0 && (s.charAt(sign) == '+' || s.charAt(sign) == '-')) {
                offset = offsetOrNull(s, sign);
                if (offset == null) {
                    throw invalid("DT", value, "UTC offset must be &ZZXX within -1200 to +1400, not -0000");
                }
                s = s.substring(0, sign);
            }
            int dot = s.indexOf('.');
            String digits = dot < 0 ? s : s.substring(0, dot);
            if (!allDigits(digits) || digits.length() < 4 || digits.length() == 5 || digits.length() == 7
                    || (dot >= 0 && digits.length() <= 8)) {
                throw invalid("DT", value, "expected YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&ZZXX]");
            }
            int year = number(digits, 0, 4);
            int month = digits.length() >= 6 ? number(digits, 4, 6) : NULL;
            int day = digits.length() >= 8 ? number(digits, 6, 8) : NULL;
            checkDate("DT", value, year, month, day);
            TimeFields time = digits.length() > 8 ? TimeFields.parse(s.substring(8), "DT", value) : null;
            return new DateTimeFields(year, month, day, time, offset);
        }

        Temporal first() {
            LocalDateTime local = LocalDateTime.of(LocalDate.of(year, orOne(month), orOne(day)),
                    time == null ? LocalTime.MIDNIGHT : time.first());
            return withOffset(local);
        }

        Temporal last() {
            YearMonth yearMonth = YearMonth.of(year, month == NULL ? 12 : month);
            LocalDate date = yearMonth.atDay(day == NULL ? yearMonth.lengthOfMonth() : day);
            return withOffset(LocalDateTime.of(date, time == null ? LAST_INSTANT_OF_DAY : time.last()));
        }

        private Temporal withOffset(LocalDateTime local) {
            return offset == null ? local : OffsetDateTime.of(local, offset);
        }
    }

    // --------------------------------------------------------------------------------------- helpers

    private static LocalDate date(String vr, String value, int year, int month, int day) {
        checkDate(vr, value, year, month, day);
        return LocalDate.of(year, month, day);
    }

    /** Checks month and day, either of which may be {@link #NULL} (omitted, in DT). */
    private static void checkDate(String vr, String value, int year, int month, int day) {
        if (month == NULL) {
            return;
        }
        field(vr, value, "month", month, 1, 12);
        if (day != NULL && (day == 0 || day > YearMonth.of(year, month).lengthOfMonth())) {
            throw invalid(vr, value, String.format("day %02d does not exist in %04d-%02d", day, year, month));
        }
    }

    private static int field(String vr, String value, String name, int number, int min, int max) {
        if (number < min || number > max) {
            throw invalid(vr, value, String.format("%s %02d not in %02d-%02d", name, number, min, max));
        }
        return number;
    }

    /** The offset whose sign is at {@code sign} and whose four digits follow, or null when not one PS3.5 allows. */
    private static ZoneOffset offsetOrNull(String s, int sign) {
        if (sign + 5 > s.length() || !allDigits(s.substring(sign + 1, sign + 5))) {
            return null;
        }
        int hours = number(s, sign + 1, sign + 3);
        int minutes = number(s, sign + 3, sign + 5);
        boolean negative = s.charAt(sign) == '-';
        int total = (negative ? -1 : 1) * (hours * 60 + minutes);
        // "-0000" is RFC 2822's "local time, offset unknown", which PS3.5 forbids
        if (minutes > 59 || !isDicomOffset(total) || (negative && total == 0)) {
            return null;
        }
        return ZoneOffset.ofTotalSeconds(total * 60);
    }

    private static boolean isDicomOffset(int totalMinutes) {
        return totalMinutes >= MIN_OFFSET_MINUTES && totalMinutes <= MAX_OFFSET_MINUTES;
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** ASCII digits only: {@link Character#isDigit} would accept other scripts' digits too. */
    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String s, int start, int end) {
        return Integer.parseInt(s, start, end, 10);
    }

    private static int orZero(int component) {
        return component == NULL ? 0 : component;
    }

    private static int orOne(int component) {
        return component == NULL ? 1 : component;
    }

    private static int pow10(int exponent) {
        int result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    private static IllegalArgumentException invalid(String vr, String value, String reason) {
        return new IllegalArgumentException("invalid " + vr + " value '" + value + "': " + reason);
    }
}
