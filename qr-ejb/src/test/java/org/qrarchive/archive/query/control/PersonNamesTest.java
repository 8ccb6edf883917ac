package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Case-insensitive person names: the normalized form, and patterns ending in empty components. */
class PersonNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Doe^John|DOE^JOHN", "Doe^John^^^|DOE^JOHN", "doe^john^^^=|DOE^JOHN",
            "Doe^^=Y^^|DOE=Y", "Müller|MÜLLER", "straße|STRASSE", "Doe^J*^^|DOE^J*", "Doe==|DOE",
            "a^b^c^d^e|A^B^C^D^E", "Yamada^Tarou=山田^太郎=やまだ^たろう|YAMADA^TAROU=山田^太郎=やまだ^たろう"})
    void upperCaseWithoutEmptyTrailingComponents(String name, String expected) {
        assertEquals(expected, PersonNames.normalize(name));
    }

    @Test
    void nullStaysNull() {
        assertEquals(null, PersonNames.normalize(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Doe^*|DOE^*,DOE", "Doe*|DOE*", "Doe^J*|DOE^J*", "Doe^*^*|DOE^*^*,DOE",
            "Doe=*|DOE=*,DOE", "*^John|*^JOHN", "Doe^*^^|DOE^*,DOE", "^*|^*"})
    void patternsEndingInEmptyComponentsAlsoMatchWithoutThem(String pattern, String expected) {
        assertEquals(List.of(expected.split(",")), PersonNames.patterns(pattern));
        assertEquals(Arrays.asList(expected.split(",")).get(0), PersonNames.normalize(pattern));
    }
}
