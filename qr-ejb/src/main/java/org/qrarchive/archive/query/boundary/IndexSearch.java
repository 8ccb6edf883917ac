package org.qrarchive.archive.query.boundary;

import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.qrarchive.archive.query.control.Aggregate;
import org.qrarchive.archive.query.control.FindQuery;
import org.qrarchive.archive.query.control.QueryRequest;
import org.qrarchive.archive.query.control.ResponseCharset;
import org.qrarchive.archive.query.control.ReturnKey;
import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.SpecificCharacterSet;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.VR;

/**
 * Runs C-FIND queries on the index, one page of matches per call, each in a short transaction of its own:
 * a query with a million matches never holds a transaction, a cursor or a result list for long.
 */
@Stateless
public class IndexSearch {
    @PersistenceContext(unitName = "qr")
    EntityManager em;

    /** How many entities match. */
    public long count(FindQuery query) {
        TypedQuery<Long> q = em.createQuery(query.countJpql(), Long.class);
        query.parameters().forEach(q::setParameter);
        return q.getSingleResult();
    }

    /** The responses for matches {@code first} to {@code first + max - 1}, in primary key order. */
    public List<Attributes> page(FindQuery query, QueryRequest request, String retrieveAETitle,
            ResponseCharset charset, int first, int max) {
        TypedQuery<Object[]> q = em.createQuery(query.jpql(), Object[].class);
        query.parameters().forEach(q::setParameter);
        List<Object[]> rows = q.setFirstResult(first).setMaxResults(max).getResultList();
        List<Attributes> responses = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            responses.add(response(query, request, row, retrieveAETitle, charset));
        }
        return responses;
    }

    private Attributes response(FindQuery query, QueryRequest request, Object[] row, String retrieveAETitle,
            ResponseCharset charset) {
        List<String[]> values = new ArrayList<>(request.returnKeys().size());
        List<String> texts = new ArrayList<>();
        for (ReturnKey key : request.returnKeys()) {
            String[] v = value(query, request, row, key, retrieveAETitle);
            values.add(v);
            if (v != null) {
                texts.addAll(List.of(v));
            }
        }
        SpecificCharacterSet cs = charset.choose(request.charset(), texts);
        Attributes rsp = new Attributes(false, request.returnKeys().size() + 1);
        rsp.setString(Tag.SpecificCharacterSet, VR.CS, cs.codes());
        for (int k = 0; k < values.size(); k++) {
            ReturnKey key = request.returnKeys().get(k);
            String[] v = values.get(k);
            if (key.fill() == ReturnKey.Fill.SPECIFIC_CHARACTER_SET) {
                continue;
            }
            if (key.vr() == VR.SQ) {
                rsp.newSequence(key.tag());
            } else if (v == null) {
                rsp.setBytes(key.tag(), key.vr(), null);
            } else {
                String[] adapted = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    adapted[i] = charset.adapt(v[i], cs);
                }
                rsp.setString(key.tag(), key.vr(), adapted);
            }
        }
        return rsp;
    }

    /** The value(s) of one return key for a match, {@code null} for zero length. */
    private String[] value(FindQuery query, QueryRequest request, Object[] row, ReturnKey key, String retrieveAE) {
        switch (key.fill()) {
            case QUERY_RETRIEVE_LEVEL:
                return new String[] {request.level().name()};
            case RETRIEVE_AE_TITLE:
                return new String[] {retrieveAE};
            case INDEX:
                Object v = query.value(row, key.key());
                return v == null ? null : ((String) v).split("\\\\", -1);
            case AGGREGATE:
                return aggregate(key.key().aggregate(), query.pk(row, key.key().aggregate().owner()));
            default:
                return null;
        }
    }

    private String[] aggregate(Aggregate aggregate, Long owner) {
        List<?> result = em.createQuery(aggregate.valueJpql()).setParameter("owner", owner).getResultList();
        if (result.size() == 1 && result.get(0) instanceof Long count) {
            return new String[] {Long.toString(count)};
        }
        return result.isEmpty() ? null : result.stream().map(String::valueOf).toArray(String[]::new);
    }
}
