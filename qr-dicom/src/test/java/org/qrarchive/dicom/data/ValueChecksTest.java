package org.qrarchive.dicom.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ValueChecks} against PS3.5 §6.2 and the VMs of PS3.6.
 *
 * <p>Tables name the element by keyword, give its values joined by backslashes, and the expected problems
 * without the tag (which the test prepends), separated by ';'. An empty expectation means no problems.
 * The quote character is '"', since the messages themselves quote values with apostrophes.
 */
class ValueChecksTest {
    private static final int PRIVATE_TAG = 0x00091010;

    @ParameterizedTest(name = "{0} {1} [{2}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        # AE: printable ASCII without backslash, 16 characters, not only spaces
        RetrieveAETitle        | AE | STORESCP              |
        RetrieveAETitle        | AE | " STORE SCP  "        |
        RetrieveAETitle        | AE | STORESCP\\QRSCP       |
        RetrieveAETitle        | AE | ABCDEFGHIJKLMNOP      |
        RetrieveAETitle        | AE | ABCDEFGHIJKLMNOPQ     | AE: longer than 16 characters
        RetrieveAETitle        | AE | "    "                | AE: consists only of spaces
        RetrieveAETitle        | AE | ÄRZTE                 | AE: has a character other than printable ASCII without backslash
        StationAETitle         | AE | A\\B                  | AE: 2 values, VM must be 1
        # AS: nnnD, nnnW, nnnM or nnnY
        PatientAge             | AS | 045Y                  |
        PatientAge             | AS | 012M                  |
        PatientAge             | AS | 003W                  |
        PatientAge             | AS | 100D                  |
        PatientAge             | AS | 45Y                   | AS: not an age nnnD, nnnW, nnnM or nnnY
        PatientAge             | AS | 045y                  | AS: not an age nnnD, nnnW, nnnM or nnnY
        PatientAge             | AS | 0045Y                 | AS: longer than 4 characters; AS: not an age nnnD, nnnW, nnnM or nnnY
        # CS: A-Z, 0-9, space, underscore; 16 characters
        Modality               | CS | CT                    |
        Modality               | CS | "CT "                 |
        Modality               | CS | " CT"                 |
        Modality               | CS | MR_1                  |
        Modality               | CS | ct                    | CS: has a character other than A-Z, 0-9, space and underscore
        Modality               | CS | CT-1                  | CS: has a character other than A-Z, 0-9, space and underscore
        Modality               | CS | ABCDEFGHIJKLMNOPQ     | CS: longer than 16 characters
        Modality               | CS | CT\\MR                | CS: 2 values, VM must be 1
        ImageType              | CS | ORIGINAL\\PRIMARY\\AXIAL |
        ImageType              | CS | ORIGINAL\\            |
        ImageType              | CS | ORIGINAL              | CS: 1 value, VM must be 2-n
        ImageType              | CS | ORIGINAL\\primary     | CS value 2: has a character other than A-Z, 0-9, space and underscore
        ShutterShape           | CS | RECTANGULAR\\CIRCULAR\\POLYGONAL |
        ShutterShape           | CS | RECTANGULAR\\CIRCULAR\\POLYGONAL\\BITMAP | CS: 4 values, VM must be 1-3
        # DA: YYYYMMDD only, a real date
        StudyDate              | DA | 20230115              |
        StudyDate              | DA | "20230115 "           |
        StudyDate              | DA | 20230230              | DA: invalid DA value '20230230': day 30 does not exist in 2023-02
        StudyDate              | DA | 20231301              | DA: invalid DA value '20231301': month 13 not in 01-12
        StudyDate              | DA | 2023013               | DA: not a date YYYYMMDD
        StudyDate              | DA | ABCDEFGH              | DA: not a date YYYYMMDD
        StudyDate              | DA | 2023.01.15            | DA: longer than 8 characters; DA: not a date YYYYMMDD
        StudyDate              | DA | 20230101-20230131     | DA: longer than 8 characters; DA: not a date YYYYMMDD
        # DS: fixed or floating point, spaces at the ends, 16 characters
        RescaleIntercept       | DS | -1024                 |
        RescaleIntercept       | DS | "  1.5 "              |
        RescaleIntercept       | DS | 1e-3                  |
        RescaleIntercept       | DS | 1.5E+10               |
        RescaleIntercept       | DS | +.5                   |
        RescaleIntercept       | DS | 5.                    |
        RescaleIntercept       | DS | -0.0                  |
        RescaleIntercept       | DS | 1234567890.123456     | DS: longer than 16 characters
        RescaleIntercept       | DS | 1,5                   | DS: not a decimal string
        RescaleIntercept       | DS | 1.2.3                 | DS: not a decimal string
        RescaleIntercept       | DS | NaN                   | DS: not a decimal string
        RescaleIntercept       | DS | Infinity              | DS: not a decimal string
        RescaleIntercept       | DS | 1e                    | DS: not a decimal string
        RescaleIntercept       | DS | "1 5"                 | DS: not a decimal string
        RescaleIntercept       | DS | 0x10                  | DS: not a decimal string
        RescaleIntercept       | DS | 1.5f                  | DS: not a decimal string
        RescaleIntercept       | DS | .                     | DS: not a decimal string
        PixelSpacing           | DS | 0.5\\0.5              |
        PixelSpacing           | DS | 0.5                   | DS: 1 value, VM must be 2
        ImagePositionPatient   | DS | 1\\2\\3               |
        ImagePositionPatient   | DS | 1\\2                  | DS: 2 values, VM must be 3
        ImageOrientationPatient | DS | 1\\0\\0\\0\\1\\0     |
        ContourData            | DS | 1\\2\\3\\4\\5\\6      |
        ContourData            | DS | 1\\2\\3\\4            | DS: 4 values, VM must be 3-3n
        # DT
        AcquisitionDateTime    | DT | 20200215103015.123456+0100 |
        AcquisitionDateTime    | DT | 2020                  |
        AcquisitionDateTime    | DT | 20200215-0500         |
        AcquisitionDateTime    | DT | 20200230              | DT: invalid DT value '20200230': day 30 does not exist in 2020-02
        AcquisitionDateTime    | DT | 20200215+1500         | DT: invalid DT value '20200215+1500': UTC offset must be &ZZXX within -1200 to +1400, not -0000
        AcquisitionDateTime    | DT | 20200215T1030         | DT: has a character other than 0-9, '.', '+' and '-'
        AcquisitionDateTime    | DT | 20200215103015.123456+01000 | DT: longer than 26 characters; DT: invalid DT value '20200215103015.123456+01000': a fraction has 1 to 6 digits
        # IS: sign and digits, int32, 12 characters
        InstanceNumber         | IS | 1                     |
        InstanceNumber         | IS | " 42 "                |
        InstanceNumber         | IS | 007                   |
        InstanceNumber         | IS | -2147483648           |
        InstanceNumber         | IS | +2147483647           |
        InstanceNumber         | IS | 2147483648            | IS: outside the range -2147483648 to 2147483647
        InstanceNumber         | IS | -2147483649           | IS: outside the range -2147483648 to 2147483647
        InstanceNumber         | IS | 000000000001          |
        InstanceNumber         | IS | 1234567890123         | IS: longer than 12 characters; IS: outside the range -2147483648 to 2147483647
        InstanceNumber         | IS | 1.5                   | IS: not an integer string
        InstanceNumber         | IS | 1e3                   | IS: not an integer string
        InstanceNumber         | IS | "1 2"                 | IS: not an integer string
        InstanceNumber         | IS | +                     | IS: not an integer string
        SubjectArea            | IS | 1\\2                  |
        SubjectArea            | IS | 1\\2\\3\\4            |
        SubjectArea            | IS | 1                     | IS: 1 value, VM must be 2-4
        SubjectArea            | IS | 1\\2\\3\\4\\5         | IS: 5 values, VM must be 2-4
        VerticesOfThePolygonalShutter | IS | 1\\2\\3\\4     |
        VerticesOfThePolygonalShutter | IS | 1\\2\\3        | IS: 3 values, VM must be 2-2n
        # LO, SH: 64 and 16 characters, no backslash
        Manufacturer           | LO | ACME Medical Systems  |
        Manufacturer           | LO | Müller & Söhne        |
        AccessionNumber        | SH | A12345                |
        AccessionNumber        | SH | A1234567890123456     | SH: longer than 16 characters
        ReferringPhysicianTelephoneNumbers | SH | 555-1234\\555-5678 |
        # PN: three groups of five components, 64 characters each
        PatientName            | PN | Doe^John              |
        PatientName            | PN | Doe^John^M^Dr^Jr      |
        PatientName            | PN | Yamada^Tarou=山田^太郎=やまだ^たろう |
        PatientName            | PN | Doe^John^M^Dr^Jr^X    | PN: more than 5 components in a group
        PatientName            | PN | A=B=C=D               | PN: more than 3 component groups
        PatientName            | PN | Doe\\Smith            | PN: 2 values, VM must be 1
        ConsultingPhysicianName | PN | Doe\\Smith           |
        # TM
        StudyTime              | TM | 103015.123456         |
        StudyTime              | TM | 10                    |
        StudyTime              | TM | "1030 "               |
        StudyTime              | TM | 10:30:15              | TM: has a character other than 0-9 and '.'
        StudyTime              | TM | 2460                  | TM: invalid TM value '2460': hour 24 not in 00-23
        StudyTime              | TM | 103015.1234567        | TM: invalid TM value '103015.1234567': a fraction has 1 to 6 digits
        StudyTime              | TM | 103015.1234567890     | TM: longer than 14 characters; TM: invalid TM value '103015.1234567890': a fraction has 1 to 6 digits
        # UI: 64 characters and the syntax of PS3.5 §9.1; only NUL is padding
        SOPInstanceUID         | UI | 1.2.840.10008.1.2.1   |
        SOPInstanceUID         | UI | 1.02.3                | UI: not a valid UID
        SOPInstanceUID         | UI | "1.2.3 "              | UI: not a valid UID
        SOPInstanceUID         | UI | 1.2.840.10008.1234567890.1234567890.1234567890.1234567890.123456 |
        SOPInstanceUID         | UI | 1.2.840.10008.1234567890.1234567890.1234567890.1234567890.1234567 | UI: longer than 64 characters
        FailedSOPInstanceUIDList | UI | 1.2.3\\1.2.4        |
        # UR: single value, no leading space
        RetrieveURL            | UR | https://pacs.example.org/wado?studyUID=1.2.3 |
        RetrieveURL            | UR | "http://pacs/x   "    |
        RetrieveURL            | UR | " http://pacs/x"      | UR: starts with a space
        # UC, ST, LT, UT: no length limit that matters here
        LongCodeValue          | UC | a long code value, longer than any SH or LO would allow: 0123456789012345678901234567890123456789 |
        InstitutionAddress     | ST | 1 Main Street, Springfield |
        PatientComments        | LT | Allergic to penicillin |
        TextValue              | UT | free text             |
        # no value at all: VM 0 suits every VM
        ImageType              | CS | ""                    |
        PixelSpacing           | DS | ""                    |
        StudyDate              | DA | ""                    |
        """)
    void checksStringValues(String keyword, VR vr, String joined, String expected) {
        int tag = tagOf(keyword);
        assertEquals(expectedProblems(tag, expected), ValueChecks.check(tag, vr, joined.split("\\\\", -1)));
    }

    /** Values a CSV table cannot carry: long ones, control characters, NULs and backslashes. */
    static Stream<Arguments> specialValues() {
        return Stream.of(
                Arguments.of("Manufacturer", VR.LO, "M".repeat(64), ""),
                Arguments.of("Manufacturer", VR.LO, "M".repeat(65), "LO: longer than 64 characters"),
                Arguments.of("Manufacturer", VR.LO, "Ü".repeat(64), ""),
                Arguments.of("Manufacturer", VR.LO, "\uD83D\uDE00".repeat(64), ""), // 64 characters, 128 chars
                Arguments.of("Manufacturer", VR.LO, "a\nb", "LO: has control character 0x0A"),
                Arguments.of("Manufacturer", VR.LO, "a\u001B$Bb", ""), // ESC starts an ISO 2022 escape sequence
                Arguments.of("AccessionNumber", VR.SH, "A\tB", "SH: has control character 0x09"),
                Arguments.of("LongCodeValue", VR.UC, "a\\b", "UC: has a backslash"),
                Arguments.of("InstitutionAddress", VR.ST, "S".repeat(1024), ""),
                Arguments.of("InstitutionAddress", VR.ST, "S".repeat(1025), "ST: longer than 1024 characters"),
                Arguments.of("InstitutionAddress", VR.ST, "a\\b\r\nc\td\fe", ""),
                Arguments.of("InstitutionAddress", VR.ST, "a\u0007b", "ST: has control character 0x07"),
                Arguments.of("PatientComments", VR.LT, "L".repeat(10240), ""),
                Arguments.of("PatientComments", VR.LT, "L".repeat(10241), "LT: longer than 10240 characters"),
                Arguments.of("TextValue", VR.UT, "U".repeat(100_000) + "\\" + "\r\n", ""),
                Arguments.of("TextValue", VR.UT, "a\u0000b", "UT: has control character 0x00"),
                Arguments.of("PatientName", VR.PN, "D".repeat(64) + "^J", "PN: component group longer than 64 characters"),
                Arguments.of("PatientName", VR.PN, "D".repeat(30) + "^" + "J".repeat(33), ""),
                Arguments.of("PatientName", VR.PN, "A".repeat(64) + "=" + "B".repeat(64) + "=" + "C".repeat(64), ""),
                Arguments.of("PatientName", VR.PN, "A=" + "B".repeat(65), "PN: component group longer than 64 characters"),
                Arguments.of("PatientName", VR.PN, "Doe\rJohn", "PN: has control character 0x0D"),
                Arguments.of("SOPInstanceUID", VR.UI, "1.2.3\0", ""),
                Arguments.of("SOPInstanceUID", VR.UI, "1.2.3\0\0", ""),
                Arguments.of("SOPInstanceUID", VR.UI, "\0" + "1.2.3", "UI: not a valid UID"),
                Arguments.of("RetrieveAETitle", VR.AE, "AB\tC", "AE: has a character other than printable ASCII without backslash"),
                Arguments.of("RetrieveURL", VR.UR, "http://a\\b", "UR: has a backslash"),
                Arguments.of("RetrieveURL", VR.UR, "U".repeat(100_000), ""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("specialValues")
    void checksSpecialValues(String keyword, VR vr, String value, String expected) {
        int tag = tagOf(keyword);
        assertEquals(expectedProblems(tag, expected), ValueChecks.check(tag, vr, new String[] {value}));
    }

    @Test
    void countsEveryValueAgainstTheVm() {
        int tag = tagOf("TopicKeywords"); // LO 1-32
        String[] thirtyTwo = new String[32];
        Arrays.fill(thirtyTwo, "KEYWORD");
        String[] thirtyThree = new String[33];
        Arrays.fill(thirtyThree, "KEYWORD");
        assertEquals(List.of(), ValueChecks.check(tag, VR.LO, thirtyTwo));
        assertEquals(List.of("(0088,0912) LO: 33 values, VM must be 1-32"), ValueChecks.check(tag, VR.LO, thirtyThree));
    }

    @Test
    void reportsEveryBadValueWithItsPosition() {
        assertEquals(List.of(
                        "(0008,0008) CS value 1: has a character other than A-Z, 0-9, space and underscore",
                        "(0008,0008) CS value 3: longer than 16 characters"),
                ValueChecks.check(Tag.ImageType, VR.CS, new String[] {"original", "PRIMARY", "ABCDEFGHIJKLMNOPQ"}));
    }

    @Test
    void noValuesAreValid() {
        assertEquals(List.of(), ValueChecks.check(Tag.PixelSpacing, VR.DS, null));
        assertEquals(List.of(), ValueChecks.check(Tag.PixelSpacing, VR.DS, new String[0]));
        assertEquals(List.of(), ValueChecks.check(Tag.PixelSpacing, VR.DS, new String[] {null}));
    }

    @Test
    void privateAndUnknownTagsHaveNoVmCheck() {
        assertEquals(List.of(), ValueChecks.check(PRIVATE_TAG, VR.LO, new String[] {"A", "B", "C"}));
        assertEquals(List.of("(0009,1010) LO value 2: longer than 64 characters"),
                ValueChecks.check(PRIVATE_TAG, VR.LO, new String[] {"A", "B".repeat(65)}));
        assertEquals(List.of(), ValueChecks.checkBinary(PRIVATE_TAG, VR.US, 8));
    }

    @Test
    void refusesVrsOfTheOtherKind() {
        assertThrows(IllegalArgumentException.class, () -> ValueChecks.check(Tag.Rows, VR.US, new String[] {"1"}));
        assertThrows(IllegalArgumentException.class, () -> ValueChecks.check(Tag.PixelData, VR.OB, new String[0]));
        assertThrows(IllegalArgumentException.class, () -> ValueChecks.checkBinary(Tag.Modality, VR.CS, 2));
        assertThrows(IllegalArgumentException.class,
                () -> ValueChecks.checkBinary(Tag.SequenceOfUltrasoundRegions, VR.SQ, 0));
    }

    @ParameterizedTest(name = "{0} {1} length {2}")
    @CsvSource(delimiter = '|', textBlock = """
        Rows                     | US | 2    |
        Rows                     | US | 0    |
        Rows                     | US | 4    | US: 2 values, VM must be 1
        Rows                     | US | 3    | US: value length 3 is not a multiple of 2
        Rows                     | US | -1   | US: undefined length is not allowed
        AcquisitionMatrix        | US | 8    |
        AcquisitionMatrix        | US | 6    | US: 3 values, VM must be 4
        RedPaletteColorLookupTableDescriptor | US | 6 |
        TagAngleSecondAxis       | SS | 2    |
        TagAngleSecondAxis       | SS | 1    | SS: value length 1 is not a multiple of 2
        ReferencePixelX0         | SL | 4    |
        ReferencePixelX0         | SL | 2    | SL: value length 2 is not a multiple of 4
        PixelCoordinatesSetTrial | SL | 16   |
        PixelCoordinatesSetTrial | SL | 12   | SL: 3 values, VM must be 2-2n
        CalculatedFrameList      | UL | 12   |
        CalculatedFrameList      | UL | 24   |
        CalculatedFrameList      | UL | 16   | UL: 4 values, VM must be 3-3n
        PrivateDataElementValueMultiplicity | UL | 12 |
        PrivateDataElementValueMultiplicity | UL | 16 | UL: 4 values, VM must be 1-3
        DimensionIndexPointer    | AT | 4    |
        DimensionIndexPointer    | AT | 2    | AT: value length 2 is not a multiple of 4
        DimensionIndexPointer    | AT | 8    | AT: 2 values, VM must be 1
        FrameIncrementPointer    | AT | 12   |
        ReferenceCoordinates     | FL | 16   |
        ReferenceCoordinates     | FL | 12   | FL: 3 values, VM must be 2-2n
        ReferenceCoordinates     | FL | 6    | FL: value length 6 is not a multiple of 4
        ParallelRTBeamDelimiterBoundaries | FD | 16 |
        ParallelRTBeamDelimiterBoundaries | FD | 8  | FD: 1 value, VM must be 2-n
        ParallelRTBeamDelimiterBoundaries | FD | 12 | FD: value length 12 is not a multiple of 8
        SelectorSVValue          | SV | 24   |
        SelectorSVValue          | SV | 20   | SV: value length 20 is not a multiple of 8
        SelectorUVValue          | UV | 8    |
        SelectorUVValue          | UV | 4    | UV: value length 4 is not a multiple of 8
        PixelData                | OW | 1024 |
        PixelData                | OW | 1023 | OW: value length 1023 is not a multiple of 2
        PixelData                | OW | -1   |
        PixelData                | OB | -1   |
        EncapsulatedDocument     | OB | 4    |
        EncapsulatedDocument     | OB | 3    | OB: odd value length 3
        FloatPixelData           | OF | 12   |
        FloatPixelData           | OF | 6    | OF: value length 6 is not a multiple of 4
        FloatPixelData           | OF | -1   | OF: undefined length is not allowed
        TrackPointIndexList      | OL | 8    |
        TrackPointIndexList      | OL | 10   | OL: value length 10 is not a multiple of 4
        DoubleFloatPixelData     | OD | 16   |
        DoubleFloatPixelData     | OD | 12   | OD: value length 12 is not a multiple of 8
        ExtendedOffsetTable      | OV | 24   |
        ExtendedOffsetTable      | OV | 20   | OV: value length 20 is not a multiple of 8
        """)
    void checksBinaryValueLengths(String keyword, VR vr, int valueLength, String expected) {
        int tag = tagOf(keyword);
        assertEquals(expectedProblems(tag, expected), ValueChecks.checkBinary(tag, vr, valueLength));
    }

    private static int tagOf(String keyword) {
        int tag = ElementDictionary.tagOf(keyword);
        if (tag == -1) {
            throw new IllegalArgumentException("no such keyword " + keyword);
        }
        return tag;
    }

    /** The ';'-separated problems of a table row, each prefixed with the tag as ValueChecks writes it. */
    private static List<String> expectedProblems(int tag, String expected) {
        if (expected == null || expected.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(expected.split(";")).map(p -> Tag.toString(tag) + " " + p.strip()).toList();
    }
}
