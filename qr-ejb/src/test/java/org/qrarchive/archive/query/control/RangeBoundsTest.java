package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qrarchive.dicom.data.Tag;

/**
 * Range keys become bounds that a string comparison in the database gets right. String.compareTo is the
 * comparison of H2 and of PostgreSQL's C collation; with a linguistic collation the order of digit strings
 * is the same, since '.' only ever stands at the same position.
 */
class RangeBoundsTest {

    @ParameterizedTest
    @CsvSource({"10:00,10", "10:30,1030", "10:30:15,103015", "10:30:15.5,103015.5", "10:30:15.000120,103015.00012",
            "00:00,00", "00:10,0010", "10:00:05,100005"})
    void lowerTimeIsTheShortestStringOfItsInstant(String time, String expected) {
        assertEquals(expected, RangeBounds.lowerTime(LocalTime.parse(time)));
    }

    @Test
    void upperTimeIsTheLastInstantInFull() {
        assertEquals("113059.999999", RangeBounds.upperTime(LocalTime.of(11, 30, 59, 999_999_000)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // key | stored values inside | stored values outside
            "10-1130|10 100000 1000 1030 103015.123 11 1130 113059 113059.999999|09 0959 095959.999999 1131 113100 12 2359",
            "1015-|1015 101500 1016 11 23|10 1014 101459.999999",
            "-1015|00 10 1015 101559.999999|1016 101600 11",
            "1030|1030 103000 103059.999999|10 1029 1031",
            "103015.5|103015.5 103015.59|103015 103015.4 103016"})
    void partialTimesMatchByTheFirstInstantTheStoredValueCovers(String key, String inside, String outside)
            throws QueryFailure {
        Condition.Range range = timeRange(key);
        for (String stored : inside.split(" ")) {
            assertTrue(contains(range, stored), key + " should contain " + stored + " " + range);
        }
        for (String stored : outside.split(" ")) {
            assertFalse(contains(range, stored), key + " should not contain " + stored + " " + range);
        }
    }

    @Test
    void timeRangeFromTheIssue() throws QueryFailure {
        assertEquals(new Condition.Range(QueryKeys.get(Tag.StudyTime), "10", "113059.999999"), timeRange("10-1130"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "20200101-20201231|20200101|20201231", "20200101-|20200101|", "-20201231||20201231"})
    void dateRanges(String key, String lower, String upper) throws QueryFailure {
        QueryRequest r = Ids.parse(InformationModel.STUDY_ROOT, true, "STUDY", Tag.StudyDate, key);
        assertEquals(new Condition.Range(QueryKeys.get(Tag.StudyDate), lower, upper), r.conditions().get(0));
    }

    @Test
    void singleDateIsSingleValueMatching() throws QueryFailure {
        QueryRequest r = Ids.parse(InformationModel.STUDY_ROOT, true, "STUDY", Tag.StudyDate, "20200101");
        assertEquals(new Condition.SingleValue(QueryKeys.get(Tag.StudyDate), "20200101"), r.conditions().get(0));
    }

    @ParameterizedTest
    @CsvSource({"2020-01-01T00:00,2020", "2020-03-01T00:00,202003", "2020-03-15T00:00,20200315",
            "2020-01-01T10:30,202001011030", "2020-11-01T00:00,202011"})
    void lowerDateTimeDropsFirstDayAndMonthAtMidnight(String dateTime, String expected) {
        assertEquals(expected, RangeBounds.lowerDateTime(LocalDateTime.parse(dateTime)));
    }

    @Test
    void dateTimeKeys() throws QueryFailure {
        QueryKey dt = new QueryKey(Tag.AcquisitionDateTime, org.qrarchive.dicom.data.VR.DT, QueryLevel.IMAGE,
                "i.acquisitionDateTime", null, false, null);
        assertEquals(new Condition.Range(dt, "2020", "20201231235959.999999"),
                DateTimeKeys.condition(dt, "2020", true));
        assertEquals(new Condition.Range(dt, "202003151030", "20200316235959.999999"),
                DateTimeKeys.condition(dt, "202003151030-20200316", true));
    }

    private static Condition.Range timeRange(String key) throws QueryFailure {
        QueryRequest r = Ids.parse(InformationModel.STUDY_ROOT, true, "STUDY", Tag.StudyTime, key);
        return (Condition.Range) r.conditions().get(0);
    }

    private static boolean contains(Condition.Range r, String stored) {
        return (r.lower() == null || stored.compareTo(r.lower()) >= 0)
                && (r.upper() == null || stored.compareTo(r.upper()) <= 0);
    }
}
