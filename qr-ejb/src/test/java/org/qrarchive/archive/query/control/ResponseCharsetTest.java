package org.qrarchive.archive.query.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.qrarchive.archive.query.control.ResponseCharset.Unencodable;
import org.qrarchive.dicom.data.SpecificCharacterSet;

/** Which character set a C-FIND response is in, for the lossless default and dcmqrscp's lossy choices. */
class ResponseCharsetTest {
    private static final ResponseCharset LOSSLESS = new ResponseCharset(true, null, Unencodable.REPLACE);
    private static final SpecificCharacterSet NONE = SpecificCharacterSet.DEFAULT;
    private static final SpecificCharacterSet LATIN1 = SpecificCharacterSet.valueOf("ISO_IR 100");
    private static final SpecificCharacterSet UTF8 = SpecificCharacterSet.valueOf("ISO_IR 192");
    private static final String MUELLER = "Müller^Hans";
    private static final String YAMADA = "Yamada^Tarou=山田^太郎=やまだ^たろう";
    private static final String IVANOV = "Иванов^Иван";

    private static String[] chosen(ResponseCharset rc, SpecificCharacterSet request, List<String> values,
            String... stored) {
        return rc.choose(request, values, new HashSet<>(Arrays.asList(stored))).codes();
    }

    @Test
    void requestSetWhenItHoldsEveryValue() {
        assertArrayEquals(new String[] {"ISO_IR 100"}, chosen(LOSSLESS, LATIN1, List.of(MUELLER), "ISO_IR 100"));
        assertArrayEquals(new String[] {"ISO_IR 192"}, chosen(LOSSLESS, UTF8, List.of(YAMADA, IVANOV),
                "\\ISO 2022 IR 87", "ISO_IR 144"));
        assertArrayEquals(new String[] {"ISO_IR 100"}, chosen(LOSSLESS, LATIN1, List.of("Doe^John")),
                "an ASCII response may carry the request's set");
    }

    @Test
    void defaultRepertoireNeedsNoSet() {
        assertArrayEquals(new String[0], chosen(LOSSLESS, NONE, List.of("Doe^John", "CT")));
        assertArrayEquals(new String[0], chosen(LOSSLESS, SpecificCharacterSet.valueOf("ISO_IR 999"),
                List.of("Doe^John")), "a set the archive does not know is never named in an answer");
    }

    @Test
    void storedSetWhenTheRequestCannotHoldTheValues() {
        assertArrayEquals(new String[] {"ISO_IR 100"}, chosen(LOSSLESS, NONE, List.of(MUELLER, "Röntgen Thorax"),
                "ISO_IR 100"));
        assertArrayEquals(new String[] {"", "ISO 2022 IR 87"}, chosen(LOSSLESS, LATIN1, List.of(YAMADA),
                "\\ISO 2022 IR 87"), "an ISO 2022 set keeps its code extensions");
        assertArrayEquals(new String[] {"ISO_IR 144"}, chosen(LOSSLESS, LATIN1, List.of(IVANOV), "ISO_IR 144"));
    }

    @Test
    void utf8WhenNoSingleStoredSetHoldsThem() {
        assertArrayEquals(new String[] {"ISO_IR 192"}, chosen(LOSSLESS, NONE, List.of(MUELLER, IVANOV),
                "ISO_IR 100", "ISO_IR 144"), "values stored in two sets");
        assertArrayEquals(new String[] {"ISO_IR 192"}, chosen(LOSSLESS, NONE, List.of(MUELLER, IVANOV),
                "ISO_IR 100"), "a stored set that cannot hold every value");
        assertArrayEquals(new String[] {"ISO_IR 192"}, chosen(LOSSLESS, NONE, List.of(MUELLER), (String) null),
                "a row indexed before its set was kept");
        assertArrayEquals(new String[] {"ISO_IR 192"}, chosen(LOSSLESS, NONE, List.of(MUELLER), "ISO_IR 999"));
    }

    @Test
    void overrideWithoutTargetIgnoresTheRequest() {
        ResponseCharset asStored = new ResponseCharset(false, null, Unencodable.REPLACE);
        assertArrayEquals(new String[] {"ISO_IR 100"}, chosen(asStored, UTF8, List.of(MUELLER), "ISO_IR 100"));
    }

    @Test
    void configuredTargetIsLossyAsDcmqrscp() {
        ResponseCharset ascii = new ResponseCharset(true, NONE, Unencodable.REPLACE);
        SpecificCharacterSet cs = ascii.choose(NONE, List.of(MUELLER), Set.of("ISO_IR 100"));
        assertArrayEquals(new String[0], cs.codes());
        assertEquals("M?ller^Hans", new String(cs.encode(ascii.adapt(MUELLER, cs),
                org.qrarchive.dicom.data.VR.PN), java.nio.charset.StandardCharsets.US_ASCII));
        ResponseCharset translit = new ResponseCharset(false, NONE, Unencodable.TRANSLITERATE);
        assertEquals("Muller^Hans", translit.adapt(MUELLER, translit.choose(LATIN1, List.of(MUELLER), Set.of())));
        ResponseCharset discard = new ResponseCharset(false, NONE, Unencodable.DISCARD);
        assertEquals("Mller^Hans", discard.adapt(MUELLER, NONE));
    }
}
