package org.qrarchive.archive.query.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;

import org.jboss.logging.Logger;
import org.qrarchive.archive.config.control.AeConfig;
import org.qrarchive.archive.config.control.FindOptions;
import org.qrarchive.archive.config.control.FindSettings;
import org.qrarchive.archive.dimse.control.DimseService;
import org.qrarchive.archive.query.control.FindQuery;
import org.qrarchive.archive.query.control.InformationModel;
import org.qrarchive.archive.query.control.PersonNameMatching;
import org.qrarchive.archive.query.control.QueryFailure;
import org.qrarchive.archive.query.control.QueryRequest;
import org.qrarchive.archive.query.control.ResponseCharset;
import org.qrarchive.archive.query.control.ReturnKey;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.DicomOutputStream;
import org.qrarchive.dicom.data.SpecificCharacterSet;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.VR;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Dimse;
import org.qrarchive.dicom.dimse.Status;
import org.qrarchive.dicom.net.Association;
import org.qrarchive.dicom.net.pdu.PresentationContext;

/**
 * Query/Retrieve C-FIND SCP (PS3.4 C.4.1) for the Patient Root, Study Root and Patient/Study Only
 * models. The identifier is checked on the association's reader thread; the matches are then sent from a
 * task of their own, page by page, so that the reader stays free to receive the C-CANCEL-RQ that stops them.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FindService implements DimseService {
    private static final Logger LOG = Logger.getLogger(FindService.class);
    private static final int PAGE = 200;
    private static final int MAX_IDENTIFIER_LENGTH = 1 << 20;
    private static final Map<String, Predicate<FindOptions>> MODEL_SWITCHES = Map.of(
            InformationModel.PATIENT_ROOT.sopClassUid(), FindOptions::patientRoot,
            InformationModel.STUDY_ROOT.sopClassUid(), FindOptions::studyRoot,
            InformationModel.PATIENT_STUDY_ONLY.sopClassUid(), FindOptions::patientStudyOnly);

    @EJB
    IndexSearch search;

    @Resource
    ManagedExecutorService executor;

    @Override
    public Set<String> sopClasses() {
        return MODEL_SWITCHES.keySet();
    }

    /** A model switched off is not offered at all: its contexts get "abstract syntax not supported". */
    @Override
    public List<String> transferSyntaxes(AeConfig ae, String sopClass) {
        return MODEL_SWITCHES.get(sopClass).test(ae.ae().find()) ? UNCOMPRESSED : null;
    }

    @Override
    public void onRequest(Association as, PresentationContext pc, Attributes command, InputStream data)
            throws IOException {
        if (Commands.dimseOf(command) != Dimse.C_FIND_RQ || data == null) {
            respond(as, pc, command, Status.UNRECOGNIZED_OPERATION, "expected C-FIND-RQ with an identifier");
            return;
        }
        FindSettings settings = AeConfig.of(as).find();
        Attributes identifier;
        try {
            identifier = new DicomInputStream(data, TransferSyntax.of(pc.transferSyntax()), MAX_IDENTIFIER_LENGTH)
                    .readDataset();
        } catch (IOException e) {
            LOG.infof("%s: unreadable C-FIND identifier: %s", as, e.getMessage());
            respond(as, pc, command, Status.CANNOT_UNDERSTAND, "unreadable identifier");
            throw e; // the stream may be out of step: the association cannot go on
        }
        QueryRequest request;
        try {
            request = QueryRequest.parse(identifier, InformationModel.ofSopClass(pc.abstractSyntax()),
                    settings.strict());
        } catch (QueryFailure f) {
            LOG.infof("%s: C-FIND refused: %s", as, f.errorComment());
            Attributes rsp = Commands.response(command, f.status(), f.errorComment());
            if (f.offendingTag() != 0) {
                rsp.setInt(Tag.OffendingElement, VR.AT, f.offendingTag() >>> 16, f.offendingTag() & 0xFFFF);
            }
            as.writeMessage(pc, rsp, null);
            return;
        }
        String ae = as.calledAETitle();
        FindQuery query = FindQuery.of(request, ae, settings.caseSensitiveNames()
                ? PersonNameMatching.CASE_SENSITIVE : PersonNameMatching.CASE_INSENSITIVE);
        int messageId = command.getInt(Tag.MessageID, 0);
        AtomicBoolean canceled = new AtomicBoolean();
        as.addCancelHandler(messageId, () -> canceled.set(true));
        executor.execute(() -> sendMatches(as, pc, command, request, query, responseCharset(settings),
                settings.maxMatches(), canceled));
    }

    private void sendMatches(Association as, PresentationContext pc, Attributes command, QueryRequest request,
            FindQuery query, ResponseCharset charset, long maxMatches, AtomicBoolean canceled) {
        int messageId = command.getInt(Tag.MessageID, 0);
        int pending = request.returnKeys().stream()
                .anyMatch(k -> k.fill() == ReturnKey.Fill.EMPTY && k.key() == null && k.vr() != VR.SQ)
                ? Status.PENDING_WARNING : Status.PENDING;
        try {
            IndexSearch.Page page = search.page(query, request, as.calledAETitle(), charset, 0, PAGE);
            // most answers fit in one page: only a full one needs the count
            long matches = page.rows() < PAGE ? page.rows() : search.count(query);
            if (matches > maxMatches) {
                respond(as, pc, command, Status.OUT_OF_RESOURCES,
                        matches + " matches, more than " + maxMatches + ": refine the query");
                return;
            }
            for (int first = 0; ; first += PAGE) {
                if (first > 0) {
                    page = search.page(query, request, as.calledAETitle(), charset, first, PAGE);
                }
                for (Attributes match : page.responses()) {
                    if (canceled.get()) {
                        respond(as, pc, command, Status.CANCEL, null);
                        return;
                    }
                    as.writeMessage(pc, Commands.response(command, pending, true), writer(match));
                }
                if (page.rows() < PAGE) {
                    break;
                }
            }
            respond(as, pc, command, canceled.get() ? Status.CANCEL : Status.SUCCESS, null);
        } catch (IOException e) {
            LOG.infof("%s: C-FIND responses interrupted: %s", as, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: C-FIND failed", as);
            try {
                respond(as, pc, command, Status.PROCESSING_FAILURE, "query failed: " + e.getMessage());
            } catch (IOException ignored) {
                // the association is gone
            }
        } finally {
            as.removeCancelHandler(messageId);
        }
    }

    private static org.qrarchive.dicom.net.DataWriter writer(Attributes match) {
        return (out, tsuid) -> new DicomOutputStream(out, TransferSyntax.of(tsuid)).writeDataset(match);
    }

    private static ResponseCharset responseCharset(FindSettings settings) {
        String term = settings.convertTo();
        SpecificCharacterSet target = term == null ? null
                : term.isEmpty() ? SpecificCharacterSet.DEFAULT : SpecificCharacterSet.valueOf(term.split("\\\\"));
        return new ResponseCharset(settings.useRequestCharset(), target,
                ResponseCharset.Unencodable.valueOf(settings.unencodable()));
    }

    private static void respond(Association as, PresentationContext pc, Attributes command, int status,
            String comment) throws IOException {
        as.writeMessage(pc, Commands.response(command, status, comment), null);
    }
}
