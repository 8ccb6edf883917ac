package org.qrarchive.dicom.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qrarchive.dicom.data.DateTimes.Range;

/**
 * {@link DateTimes} against the DA, TM and DT forms of PS3.5 Table 6.2-1 and the range matching keys of
 * PS3.4 C.2.2.2.5. Expected values are ISO-8601 strings that JUnit converts to java.time types; an empty
 * CSV column is {@code null}, i.e. an open range bound.
 */
class DateTimesTest {

    // ---------------------------------------------------------------------------------------------- DA

    @ParameterizedTest
    @CsvSource({
        "20230115,     2023-01-15",
        "20240229,     2024-02-29",
        "20001231,     2000-12-31",
        "00010101,     0001-01-01",
        "'20230115 ',  2023-01-15",
        "'20230115  ', 2023-01-15",
        "2023.01.15,   2023-01-15",
        "1999.12.31,   1999-12-31",
    })
    void parsesDA(String value, LocalDate expected) {
        assertEquals(expected, DateTimes.parseDA(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20230230", "20230229", "20231301", "20230001", "20230100", "20230132", "2023013",
        "202301155", "ABCDEFGH", "", " ", " 20230115", "2023-01-15", "2023.1.15", "2023/01/15", "2023.01.1x",
        "20230115.", "2023 115", "２０２３０１１５", "+2023011"})
    void rejectsInvalidDA(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DateTimes.parseDA(value));
        assertTrue(e.getMessage().contains("DA") && e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "20230230, day 30 does not exist in 2023-02",
        "20231301, month 13 not in 01-12",
        "2023013,  expected YYYYMMDD",
        "ABCDEFGH, expected YYYYMMDD",
    })
    void explainsWhyDAIsInvalid(String value, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DateTimes.parseDA(value));
        assertEquals("invalid DA value '" + value + "': " + reason, e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------- TM

    @ParameterizedTest
    @CsvSource({
        "10,              10:00,           10:59:59.999999",
        "1030,            10:30,           10:30:59.999999",
        "103015,          10:30:15,        10:30:15.999999",
        "103015.1,        10:30:15.1,      10:30:15.199999",
        "103015.12,       10:30:15.12,     10:30:15.129999",
        "103015.12345,    10:30:15.12345,  10:30:15.123459",
        "103015.123456,   10:30:15.123456, 10:30:15.123456",
        "103015.000000,   10:30:15,        10:30:15",
        "00,              00:00,           00:59:59.999999",
        "000000,          00:00,           00:00:00.999999",
        "235959.999999,   23:59:59.999999, 23:59:59.999999",
        "'1030  ',        10:30,           10:30:59.999999",
        // a leap second cannot be held by LocalTime: it becomes the last microsecond of second 59
        "235960,          23:59:59.999999, 23:59:59.999999",
        "235960.5,        23:59:59.999999, 23:59:59.999999",
        // the pre-3.0 form with colons
        "10:30,           10:30,           10:30:59.999999",
        "10:30:15,        10:30:15,        10:30:15.999999",
        "10:30:15.5,      10:30:15.5,      10:30:15.599999",
        "10:30:15.123456, 10:30:15.123456, 10:30:15.123456",
    })
    void parsesTMToFirstAndLastInstant(String value, LocalTime first, LocalTime last) {
        assertAll(
                () -> assertEquals(first, DateTimes.parseTM(value), "first"),
                () -> assertEquals(last, DateTimes.parseTMUpper(value), "last"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24", "2400", "1060", "103061", "1", "103", "10301", "1030151", "103015.",
        "103015.1234567", "1030.5", "10.5", ".5", "10:3", "10:30:1", "1030:15", "10:30:15.", "10:30:15.1234567",
        "10::30", " 1030", "10 30", "ab", "", "-1030", "+10", "1030-", "10,5", "１０"})
    void rejectsInvalidTM(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DateTimes.parseTM(value));
        assertTrue(e.getMessage().startsWith("invalid TM value '" + value + "'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DateTimes.parseTMUpper(value));
    }

    @ParameterizedTest
    @CsvSource({
        "2400,     hour 24 not in 00-23",
        "1060,     minute 60 not in 00-59",
        "103061,   second 61 not in 00-60",
        "1030.5,   a fraction needs the seconds before it",
        "103015.,  a fraction has 1 to 6 digits",
    })
    void explainsWhyTMIsInvalid(String value, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DateTimes.parseTM(value));
        assertEquals("invalid TM value '" + value + "': " + reason, e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------- DT

    @ParameterizedTest
    @CsvSource({
        "2020,                  2020-01-01T00:00,           2020-12-31T23:59:59.999999",
        "202002,                2020-02-01T00:00,           2020-02-29T23:59:59.999999",
        "202102,                2021-02-01T00:00,           2021-02-28T23:59:59.999999",
        "20200215,              2020-02-15T00:00,           2020-02-15T23:59:59.999999",
        "2020021510,            2020-02-15T10:00,           2020-02-15T10:59:59.999999",
        "202002151030,          2020-02-15T10:30,           2020-02-15T10:30:59.999999",
        "20200215103015,        2020-02-15T10:30:15,        2020-02-15T10:30:15.999999",
        "20200215103015.5,      2020-02-15T10:30:15.5,      2020-02-15T10:30:15.599999",
        "20200215103015.123456, 2020-02-15T10:30:15.123456, 2020-02-15T10:30:15.123456",
        "'2020021510  ',        2020-02-15T10:00,           2020-02-15T10:59:59.999999",
        "20161231235960,        2016-12-31T23:59:59.999999, 2016-12-31T23:59:59.999999",
    })
    void parsesDTWithoutOffsetToLocalDateTime(String value, LocalDateTime first, LocalDateTime last) {
        assertAll(
                () -> assertEquals(first, assertInstanceOf(LocalDateTime.class, DateTimes.parseDT(value)), "first"),
                () -> assertEquals(last, assertInstanceOf(LocalDateTime.class, DateTimes.parseDTUpper(value)), "last"));
    }

    @ParameterizedTest
    @CsvSource({
        "2020+0100,                   2020-01-01T00:00+01:00,           2020-12-31T23:59:59.999999+01:00",
        "2020-0500,                   2020-01-01T00:00-05:00,           2020-12-31T23:59:59.999999-05:00",
        "202002-0330,                 2020-02-01T00:00-03:30,           2020-02-29T23:59:59.999999-03:30",
        "20200215-0500,               2020-02-15T00:00-05:00,           2020-02-15T23:59:59.999999-05:00",
        "2020021510+0545,             2020-02-15T10:00+05:45,           2020-02-15T10:59:59.999999+05:45",
        "202002151030+0000,           2020-02-15T10:30Z,                2020-02-15T10:30:59.999999Z",
        "20200215103015-1200,         2020-02-15T10:30:15-12:00,        2020-02-15T10:30:15.999999-12:00",
        "20200215103015.123456+1400,  2020-02-15T10:30:15.123456+14:00, 2020-02-15T10:30:15.123456+14:00",
        "'20200215103015.1+0100 ',    2020-02-15T10:30:15.1+01:00,      2020-02-15T10:30:15.199999+01:00",
    })
    void parsesDTWithOffsetToOffsetDateTime(String value, OffsetDateTime first, OffsetDateTime last) {
        assertAll(
                () -> assertEquals(first, assertInstanceOf(OffsetDateTime.class, DateTimes.parseDT(value)), "first"),
                () -> assertEquals(last, assertInstanceOf(OffsetDateTime.class, DateTimes.parseDTUpper(value)),
                        "last"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "202", "20205", "2020021", "202013", "202000", "20200230", "20200200",
        "2020021524", "202002151060", "20200215103061", "2020021510301", "202002151030151", "20200215103015.",
        "20200215103015.1234567", "20200215.5", "2020021510.5", "202002151030.5", "20200215-1300",
        "20200215+1401", "20200215-0000", "20200215+0160", "20200215+01", "20200215+", "2020-02-15",
        " 2020", "20200215T1030", "2020 0215", "20200215103015Z", "20200215-0500-0600", "+0100", "-0500",
        "2020+0100 1", "ABCD"})
    void rejectsInvalidDT(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DateTimes.parseDT(value));
        assertTrue(e.getMessage().startsWith("invalid DT value '" + value + "'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DateTimes.parseDTUpper(value));
    }

    // ------------------------------------------------------------------------------------------ ranges

    @ParameterizedTest
    @CsvSource({
        "20200101-20200131,     2020-01-01, 2020-01-31",
        "20200101-,             2020-01-01, ",
        "-20200131,                       , 2020-01-31",
        "20200101,              2020-01-01, 2020-01-01",
        "2020.01.01-2020.01.31, 2020-01-01, 2020-01-31",
        "'20200101-20200131 ',  2020-01-01, 2020-01-31",
        "20200131-20200101,     2020-01-31, 2020-01-01",
    })
    void parsesDARange(String value, LocalDate from, LocalDate to) {
        assertEquals(new Range<>(from, to), DateTimes.parseDARange(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "20200101-20200131-20200201", "2020013-", "-2020013", "20200101 -20200131",
        "20200101--20200131", "20200230-"})
    void rejectsInvalidDARange(String value) {
        assertThrows(IllegalArgumentException.class, () -> DateTimes.parseDARange(value));
    }

    @ParameterizedTest
    @CsvSource({
        "10-12,            10:00,      12:59:59.999999",
        "1030-,            10:30,      ",
        "-1030,                 ,      10:30:59.999999",
        "10,               10:00,      10:59:59.999999",
        "103015.5-103016,  10:30:15.5, 10:30:16.999999",
        "'0800-1700 ',     08:00,      17:00:59.999999",
        "10:00-11:00,      10:00,      11:00:59.999999",
        "-235959.999999,        ,      23:59:59.999999",
    })
    void parsesTMRangeWithPartialToCoveringItsWholeExtent(String value, LocalTime from, LocalTime to) {
        assertEquals(new Range<>(from, to), DateTimes.parseTMRange(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "10-11-12", "25-", "-1060", "10 -11", "10--11"})
    void rejectsInvalidTMRange(String value) {
        assertThrows(IllegalArgumentException.class, () -> DateTimes.parseTMRange(value));
    }

    /** The rule for telling the range separator from an offset's minus sign, case by case. */
    @ParameterizedTest
    @CsvSource({
        // plain ranges and open bounds
        "2020-,                          2020-01-01T00:00,    ",
        "-2020,                                          ,    2020-12-31T23:59:59.999999",
        "2019-2020,                      2019-01-01T00:00,    2020-12-31T23:59:59.999999",
        "202001011230-202001011330,      2020-01-01T12:30,    2020-01-01T13:30:59.999999",
        "2020,                           2020-01-01T00:00,    2020-12-31T23:59:59.999999",
        // '-' + four digits at the end that make a valid offset: a single value with an offset
        "20200101-0500,                  2020-01-01T00:00,    2020-01-01T23:59:59.999999",
        "2020-1100,                      2020-01-01T00:00,    2020-12-31T23:59:59.999999",
        // offsets on either or both bounds
        "20200101-0500-20200102,         2020-01-01T00:00,    2020-01-02T23:59:59.999999",
        "20200101-20200102-0500,         2020-01-01T00:00,    2020-01-02T23:59:59.999999",
        "20200101-0500-20200102-0500,    2020-01-01T00:00,    2020-01-02T23:59:59.999999",
        "20200101+0100-20200102+0100,    2020-01-01T00:00,    2020-01-02T23:59:59.999999",
        "20200101120000-0500-,           2020-01-01T12:00,    ",
        "-20200101120000-0500,                           ,    2020-01-01T12:00:00.999999",
        // '-' + four digits that are no valid offset (-13:00, -00:00, minutes 60): the separator
        "20200101-1300,                  2020-01-01T00:00,    1300-12-31T23:59:59.999999",
        "20200101-0000,                  2020-01-01T00:00,    0000-12-31T23:59:59.999999",
        "20200101-0060,                  2020-01-01T00:00,    0060-12-31T23:59:59.999999",
        // '-' + four digits followed by more digits: the separator
        "2020-11000101,                  2020-01-01T00:00,    1100-01-01T23:59:59.999999",
        "20200101-202001021200,          2020-01-01T00:00,    2020-01-02T12:00:59.999999",
        // a leading '-' follows no digit, so it is always the separator: "-0500" is "up to the year 500"
        "-0500,                                          ,    0500-12-31T23:59:59.999999",
        "'20200101-0500-20200102 ',      2020-01-01T00:00,    2020-01-02T23:59:59.999999",
    })
    void splitsDTRangeAtTheMinusThatIsNoOffset(String value, LocalDateTime from, LocalDateTime to) {
        assertEquals(new Range<>(from, to), DateTimes.parseDTRange(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "2020-2021-2022", "2020--2021", "20200101-0500-0600", "20200101-05",
        "20200101-0500-20200102-0500-", "2020-20201", "20200101 -20200102"})
    void rejectsInvalidDTRange(String value) {
        assertThrows(IllegalArgumentException.class, () -> DateTimes.parseDTRange(value));
    }

    @ParameterizedTest
    @CsvSource({
        "20200101120000-0500-20200102120000+0100, Z,      2020-01-01T17:00,  2020-01-02T11:00:00.999999",
        "20200101120000-0500-20200102120000+0100, +01:00, 2020-01-01T18:00,  2020-01-02T12:00:00.999999",
        // a bound without offset is already in the target's local time
        "20200101120000-20200101130000+0100,      Z,      2020-01-01T12:00,  2020-01-01T12:00:00.999999",
        "20200101-0500,                           Z,      2020-01-01T05:00,  2020-01-02T04:59:59.999999",
        "-2020+1400,                              Z,      ,                  2020-12-31T09:59:59.999999",
    })
    void normalizesDTRangeOffsetsToTarget(String value, ZoneOffset target, LocalDateTime from, LocalDateTime to) {
        assertEquals(new Range<>(from, to), DateTimes.parseDTRange(value, target));
    }

    // -------------------------------------------------------------------------------------- formatting

    @ParameterizedTest
    @CsvSource({
        "2023-01-05, 20230105",
        "0001-12-31, 00011231",
        "9999-12-31, 99991231",
    })
    void formatsDA(LocalDate date, String expected) {
        assertEquals(expected, DateTimes.formatDA(date));
        assertEquals(date, DateTimes.parseDA(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "10:30,              103000",
        "00:00,              000000",
        "10:30:15.5,         103015.500000",
        "10:30:15.000001,    103015.000001",
        "23:59:59.999999,    235959.999999",
        "10:30:15.123456789, 103015.123456",
    })
    void formatsTM(LocalTime time, String expected) {
        assertEquals(expected, DateTimes.formatTM(time));
        assertEquals(time.withNano(time.getNano() / 1000 * 1000), DateTimes.parseTM(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "2020-02-15T10:30,          20200215103000",
        "2020-02-15T10:30:15.25,    20200215103015.250000",
    })
    void formatsLocalDT(LocalDateTime dateTime, String expected) {
        assertEquals(expected, DateTimes.formatDT(dateTime));
        assertEquals(dateTime, DateTimes.parseDT(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "2020-02-15T10:30Z,             20200215103000+0000",
        "2020-02-15T10:30-05:00,        20200215103000-0500",
        "2020-02-15T10:30:15.1+05:45,   20200215103015.100000+0545",
        "2020-02-15T10:30-12:00,        20200215103000-1200",
        "2020-02-15T10:30+14:00,        20200215103000+1400",
    })
    void formatsOffsetDT(OffsetDateTime dateTime, String expected) {
        assertEquals(expected, DateTimes.formatDT(dateTime));
        assertEquals(dateTime, DateTimes.parseDT(expected));
    }

    @Test
    void refusesWhatDicomCannotHold() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> DateTimes.formatDA(LocalDate.of(10000, 1, 1))),
                () -> assertThrows(IllegalArgumentException.class, () -> DateTimes.formatDA(LocalDate.of(-1, 1, 1))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> DateTimes.formatDT(OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-13)))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> DateTimes.formatDT(OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0,
                                ZoneOffset.ofHoursMinutesSeconds(1, 0, 30)))));
    }

    @Test
    void nullIsAProgrammingError() {
        assertAll(
                () -> assertThrows(NullPointerException.class, () -> DateTimes.parseDA(null)),
                () -> assertThrows(NullPointerException.class, () -> DateTimes.parseTM(null)),
                () -> assertThrows(NullPointerException.class, () -> DateTimes.parseDT(null)),
                () -> assertThrows(NullPointerException.class, () -> DateTimes.parseDTRange(null)));
    }
}
