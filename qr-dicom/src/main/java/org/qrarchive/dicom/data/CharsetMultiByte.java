package org.qrarchive.dicom.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

import org.qrarchive.dicom.data.SpecificCharacterSet.Decoded;
import org.qrarchive.dicom.data.SpecificCharacterSet.Encoded;

/**
 * The multi-byte character sets without code extensions (ISO_IR 192, GB18030, GBK): stateless, so the JDK
 * charset does all the work and delimiters need no attention beyond decoding the whole value at once (a
 * GBK or GB18030 trail byte may be 0x5C, which is not a delimiter, PS3.5 §6.1.2.3).
 */
final class CharsetMultiByte implements CharsetCodec {
    private static final char REPLACEMENT = '\uFFFD';

    private final Charset charset;

    CharsetMultiByte(Charset charset) {
        this.charset = charset;
    }

    @Override
    public Decoded decode(byte[] value, String delimiters) {
        // String's constructor is the fast path (no decoder allocation for UTF-8); only a U+FFFD in its
        // result needs a strict second look, since the value may legitimately encode U+FFFD itself
        String text = new String(value, charset);
        return new Decoded(text, text.indexOf(REPLACEMENT) >= 0 && !isWellFormed(value));
    }

    private boolean isWellFormed(byte[] value) {
        try {
            charset.newDecoder().decode(ByteBuffer.wrap(value)); // reports errors by default
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public Encoded encode(String value, String delimiters) {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(value);
        ByteBuffer out = ByteBuffer.allocate((int) Math.ceil(value.length() * encoder.maxBytesPerChar()) + 4);
        boolean replaced = false;
        for (CoderResult r = encoder.encode(in, out, true); !r.isUnderflow(); r = encoder.encode(in, out, true)) {
            if (r.isOverflow()) { // not with the capacity above, but cheap to be safe
                out = grow(out);
            } else { // an unpaired surrogate, or a character the charset lacks (GBK)
                replaced = true;
                in.position(in.position() + r.length());
                out = out.hasRemaining() ? out : grow(out);
                out.put((byte) '?');
            }
        }
        encoder.flush(out); // stateless charsets: writes nothing
        return new Encoded(Arrays.copyOf(out.array(), out.position()), replaced);
    }

    private static ByteBuffer grow(ByteBuffer out) {
        return ByteBuffer.allocate(out.capacity() * 2 + 16).put(out.flip());
    }

    @Override
    public boolean canEncode(String value) {
        return charset.newEncoder().canEncode(value);
    }
}
