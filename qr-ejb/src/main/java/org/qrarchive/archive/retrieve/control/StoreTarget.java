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
     * The contexts to propose to a move destination: per SOP class and stored transfer syntax, that syntax
     * and, for uncompressed objects, explicit then implicit VR little endian.
     */
    public static List<PresentationContext> proposals(List<Retrievable> instances) {
        Map<String, Set<String>> byPair = new LinkedHashMap<>();
        for (Retrievable r : instances) {
            byPair.computeIfAbsent(r.sopClassUid() + "|" + r.transferSyntaxUid(), k -> {
                Set<String> ts = new LinkedHashSet<>();
                ts.add(r.transferSyntaxUid());
                if (!TransferSyntax.of(r.transferSyntaxUid()).encapsulated()) {
                    ts.add(UID.ExplicitVRLittleEndian);
                    ts.add(UID.ImplicitVRLittleEndian);
                }
                return ts;
            });
        }
        List<PresentationContext> contexts = new ArrayList<>();
        int id = 1;
        for (Map.Entry<String, Set<String>> e : byPair.entrySet()) {
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
