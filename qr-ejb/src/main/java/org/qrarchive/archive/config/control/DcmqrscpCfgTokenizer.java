package org.qrarchive.archive.config.control;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the lines of a dcmqrscp.cfg text into tokens: bare words, quoted strings and parenthesized lists
 * (a peer triple or a quota). White space, {@code =} and {@code ,} only separate tokens, as in DCMTK, whose
 * parser treats all three as the same "gap"; the readers rely on positions, not on the separators.
 *
 * <p>Stricter than DCMTK where DCMTK would silently misread: a quote or parenthesis glued to a bare word is an
 * error (DCMTK keeps it in the word or ends the value at it), a quoted string closes only with its own quote
 * character (DCMTK closes at any of {@code " ' ( )}), and parentheses always make a list, never a string.
 * A doubled quote character inside a quoted string stands for one, so the writer can quote any value.
 */
final class DcmqrscpCfgTokenizer {

    enum Kind {
        WORD, QUOTED, LIST
    }

    /**
     * @param text   the value (unquoted); "(" for a list
     * @param column 1-based column of the first character; {@code end} is the column just after the token
     * @param items  the elements of a list, else empty
     */
    record Token(Kind kind, String text, int line, int column, int end, List<Token> items) {

        /** A bare word equal to {@code word}, ignoring case: keywords are bare, a quoted word is a value. */
        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }
    }

    private final String line;
    private final int lineNo;
    private int pos;

    private DcmqrscpCfgTokenizer(String line, int lineNo) {
        this.line = line;
        this.lineNo = lineNo;
    }

    /** The lines of {@code text}: split at LF, CRLF or CR, like the writer's LF; a leading BOM is dropped. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Whether the line is blank or a comment: its first non-space character is '#'. */
    static boolean ignorable(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!isSpace(c)) {
                return c == '#';
            }
        }
        return true;
    }

    static List<Token> tokenize(String line, int lineNo) {
        return new DcmqrscpCfgTokenizer(line, lineNo).tokens();
    }

    // C isspace() in the "C" locale, as DCMTK uses: no Unicode spaces, so those stay part of a word
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == '\n';
    }

    static boolean isGap(char c) {
        return isSpace(c) || c == '=' || c == ',';
    }

    static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        skipGaps();
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (c == '(') {
                tokens.add(list());
            } else if (c == ')') {
                throw error(pos, "')' without '('");
            } else {
                tokens.add(value(false));
            }
            skipGaps();
        }
        return tokens;
    }

    private Token list() {
        int start = pos++;
        List<Token> items = new ArrayList<>();
        skipGaps();
        while (pos < line.length() && line.charAt(pos) != ')') {
            if (line.charAt(pos) == '(') {
                throw error(pos, "lists cannot be nested");
            }
            items.add(value(true));
            skipGaps();
        }
        if (pos >= line.length()) {
            throw error(start, "'(' without ')'");
        }
        pos++;
        if (items.isEmpty()) {
            throw error(start, "empty list '()'");
        }
        expectEndOfToken(start);
        return new Token(Kind.LIST, "(", lineNo, start + 1, pos + 1, List.copyOf(items));
    }

    private Token value(boolean inList) {
        int start = pos;
        char c = line.charAt(pos);
        if (isQuote(c)) {
            return quoted(c, inList);
        }
        while (pos < line.length() && !isGap(line.charAt(pos))) {
            char d = line.charAt(pos);
            if (d == ')' && inList) {
                break;
            }
            if (isQuote(d) || d == '(' || d == ')') {
                throw error(pos, "'" + d + "' inside a value: quote the whole value");
            }
            pos++;
        }
        return new Token(Kind.WORD, line.substring(start, pos), lineNo, start + 1, pos + 1, List.of());
    }

    private Token quoted(char quote, boolean inList) {
        int start = pos++;
        StringBuilder text = new StringBuilder();
        while (true) {
            if (pos >= line.length()) {
                throw error(start, "unterminated quote " + quote);
            }
            char c = line.charAt(pos++);
            if (c != quote) {
                text.append(c);
            } else if (pos < line.length() && line.charAt(pos) == quote) {
                text.append(quote);
                pos++;
            } else {
                break;
            }
        }
        if (!(inList && pos < line.length() && line.charAt(pos) == ')')) {
            expectEndOfToken(start);
        }
        return new Token(Kind.QUOTED, text.toString(), lineNo, start + 1, pos + 1, List.of());
    }

    // a quoted value or a list must be followed by a separator, so that "a"b is not read as two values
    private void expectEndOfToken(int start) {
        if (pos < line.length() && !isGap(line.charAt(pos))) {
            throw error(pos, "a separator (space, '=' or ',') is missing after the value at column " + (start + 1));
        }
    }

    private void skipGaps() {
        while (pos < line.length() && isGap(line.charAt(pos))) {
            pos++;
        }
    }

    private InvalidConfiguration error(int index, String message) {
        return new InvalidConfiguration(lineNo, index + 1, message);
    }
}
