package org.qrarchive.dicom.data;

import org.qrarchive.dicom.data.SpecificCharacterSet.Decoded;
import org.qrarchive.dicom.data.SpecificCharacterSet.Encoded;

/**
 * Decodes and encodes whole text values for one {@link SpecificCharacterSet}; implementations are immutable.
 *
 * <p>{@code delimiters} are the characters at which the ISO 2022 state returns to the initial designation
 * (PS3.5 §6.1.2.5.3); codecs without code extensions ignore them.
 */
interface CharsetCodec {
    Decoded decode(byte[] value, String delimiters);

    Encoded encode(String value, String delimiters);

    boolean canEncode(String value);
}
