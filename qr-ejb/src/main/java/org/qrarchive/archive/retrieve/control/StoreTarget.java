package org.qrarchive.archive.retrieve.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.net.Association;
import org.qrarchive.dicom.net.pdu.PresentationContext;

/**
 * The association C-STORE sub-operations go out on, and which of its contexts can carry each instance: the
 * destination's for a C-MOVE, the requester's own for a C-GET, limited to the SOP classes for which it took
 * the SCP role ({@code sopClasses}; {@code null}: any).
 */
public record StoreTarget(Association association, Set<String> sopClasses) {
    /** The destination of a C-MOVE: any accepted context will do. */
    public StoreTarget(Association association) {
        this(association, null);
    }

    /** At most 128 presentation contexts fit in an A-ASSOCIATE-RQ (odd IDs 1-255). */
    private static final int MAX_CONTEXTS = 128;

    /**
     * The contexts to propose to a move destination: one per SOP class and stored transfer syntax, with the
     * syntaxes {@link #syntaxes} lists for it.
     */
    public static List<PresentationContext> proposals(List<Retrievable> instances, String propose) {
        Map<String, List<String>> byPair = new LinkedHashMap<>();
        for (Retrievable r : instances) {
            byPair.computeIfAbsent(r.sopClassUid() + "|" + r.transferSyntaxUid(),
                    k -> syntaxes(propose, r.transferSyntaxUid()));
        }
        List<PresentationContext> contexts = new ArrayList<>();
        int id = 1;
        for (Map.Entry<String, List<String>> e : byPair.entrySet()) {
            if (contexts.size() == MAX_CONTEXTS) {
                break; // the instances of further pairs count as failed: no context can carry them
            }
            String sopClass = e.getKey().substring(0, e.getKey().indexOf('|'));
            contexts.add(PresentationContext.proposed(id, sopClass, e.getValue().toArray(String[]::new)));
            id += 2;
        }
        return contexts;
    }

    /**
     * The syntaxes proposed for an object stored in {@code stored} (dcmqrscp's --propose-*, see
     * {@code RetrieveOptions.propose}): a compressed one only in its own, unless "implicit".
     */
    public static List<String> syntaxes(String propose, String stored) {
        Set<String> ts = new LinkedHashSet<>();
        boolean compressed = TransferSyntax.of(stored).encapsulated();
        switch (propose) {
            case "implicit" -> ts.add(UID.ImplicitVRLittleEndian);
            case "big" -> ts.addAll(compressed ? List.of(stored)
                    : List.of(UID.ExplicitVRBigEndian, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
            case "uncompr", "little" -> ts.addAll(compressed ? List.of(stored)
                    : List.of(UID.ExplicitVRLittleEndian, UID.ExplicitVRBigEndian, UID.ImplicitVRLittleEndian));
            case "deflated" -> ts.addAll(compressed ? List.of(stored)
                    : List.of(UID.DeflatedExplicitVRLittleEndian, UID.ExplicitVRLittleEndian,
                            UID.ExplicitVRBigEndian, UID.ImplicitVRLittleEndian));
            default -> {
                ts.add(stored);
                if (!compressed) {
                    ts.add(UID.ExplicitVRLittleEndian);
                    ts.add(UID.ImplicitVRLittleEndian);
                }
            }
        }
        return List.copyOf(ts);
    }

    /**
     * The accepted context for {@code r}: one in the syntax it is stored in, else one it can be converted
     * to; {@code null} when none can carry it.
     */
    public PresentationContext contextFor(Retrievable r) {
        PresentationContext convertible = null;
        for (PresentationContext pc : association.acceptedContexts()) {
            if (!pc.abstractSyntax().equals(r.sopClassUid())
                    || (sopClasses != null && !sopClasses.contains(pc.abstractSyntax()))) {
                continue;
            }
            if (pc.transferSyntax().equals(r.transferSyntaxUid())) {
                return pc;
            }
            if (convertible == null && ObjectSender.canSend(r.transferSyntaxUid(), pc.transferSyntax())) {
                convertible = pc;
            }
        }
        return convertible;
    }
}
