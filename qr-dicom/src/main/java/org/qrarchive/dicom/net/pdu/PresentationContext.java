package org.qrarchive.dicom.net.pdu;

import java.util.List;

/**
 * A presentation context item: as proposed (abstract syntax and transfer syntaxes) or as answered
 * (result and the one transfer syntax chosen) (PS3.8 §9.3.2.2 and §9.3.3.2).
 */
public record PresentationContext(int id, int result, String abstractSyntax, List<String> transferSyntaxes) {
    public static final int ACCEPTANCE = 0;
    public static final int USER_REJECTION = 1;
    public static final int NO_REASON = 2;
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    public PresentationContext {
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }

    public static PresentationContext proposed(int id, String abstractSyntax, String... transferSyntaxes) {
        return new PresentationContext(id, ACCEPTANCE, abstractSyntax, List.of(transferSyntaxes));
    }

    public static PresentationContext accepted(int id, String abstractSyntax, String transferSyntax) {
        return new PresentationContext(id, ACCEPTANCE, abstractSyntax, List.of(transferSyntax));
    }

    /**
     * A refusal. The transfer syntax sub-item is still sent, as PS3.8 requires, but its value is not
     * significant; the abstract syntax is kept only for our own bookkeeping and never encoded in an AC.
     */
    public static PresentationContext rejected(int id, int result, String abstractSyntax) {
        return new PresentationContext(id, result, abstractSyntax, List.of());
    }

    public boolean isAccepted() {
        return result == ACCEPTANCE;
    }

    /** The single transfer syntax of an accepted context. */
    public String transferSyntax() {
        return transferSyntaxes.isEmpty() ? null : transferSyntaxes.get(0);
    }
}
