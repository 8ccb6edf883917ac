package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qrarchive.archive.index.entity.Patient;

/** Case-insensitive person names: the same normalization as the index, and trailing empty components. */
class PersonNamesTest {

    /** The entity's rule is package-private there; reflection keeps this test honest without widening it. */
    @ParameterizedTest
    @ValueSource(strings = {"Doe^John", "Doe^John^^^", "doe^john^^^=", "Yamada^Tarou=山田^太郎=やまだ^たろう",
            "Doe^^=Y^^", "Müller", "straße", "", "^^^", "Doe^J*^^", "O'Neil^Ø", "Doe==", "a^b^c^d^e"})
    void normalizationMirrorsTheIndex(String name) throws Exception {
        Class<?> dicomText = Class.forName(Patient.class.getPackageName() + ".DicomText");
        Method indexRule = dicomText.getDeclaredMethod("normalizedName", String.class);
        indexRule.setAccessible(true);
        assertEquals(indexRule.invoke(null, name), PersonNames.normalize(name), name);
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
