package org.qrarchive.archive.query.boundary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.qrarchive.archive.index.entity.IndexedSequences;
import org.qrarchive.archive.query.control.Aggregate;
import org.qrarchive.archive.query.control.FindQuery;
import org.qrarchive.archive.query.control.QueryLevel;
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

    /**
     * One page of the rows the database matched, and the responses of those that the sequence keys (matched
     * here, not in the database) let through.
     */
    public record Page(int rows, List<Attributes> responses) {
    }

    /** The responses for database matches {@code first} to {@code first + max - 1}, in primary key order. */
    public Page page(FindQuery query, QueryRequest request, String retrieveAETitle, ResponseCharset charset,
            int first, int max) {
        TypedQuery<Object[]> q = em.createQuery(query.jpql(), Object[].class);
        query.parameters().forEach(q::setParameter);
        List<Object[]> rows = q.setFirstResult(first).setMaxResults(max).getResultList();
        Map<ReturnKey, Predicate<Attributes>> itemTests = new HashMap<>();
        for (ReturnKey key : request.returnKeys()) {
            if (key.fill() == ReturnKey.Fill.SEQUENCE) {
                itemTests.put(key, key.sequence().itemTest(query.pnMatching()));
            }
        }
        List<Attributes> responses = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Map<Integer, List<Attributes>> items = matchSequences(query, itemTests, row);
            if (items != null) {
                responses.add(response(query, request, row, items, retrieveAETitle, charset));
            }
        }
        return new Page(rows.size(), responses);
    }

    /** The matching items of every sequence key by tag, or {@code null} when a sequence key rules the row out. */
    private static Map<Integer, List<Attributes>> matchSequences(FindQuery query,
            Map<ReturnKey, Predicate<Attributes>> itemTests, Object[] row) {
        Map<Integer, List<Attributes>> result = new HashMap<>();
        Map<QueryLevel, Attributes> decoded = new EnumMap<>(QueryLevel.class);
        for (Map.Entry<ReturnKey, Predicate<Attributes>> e : itemTests.entrySet()) {
            ReturnKey key = e.getKey();
            Attributes kept = decoded.computeIfAbsent(key.key().level(),
                    l -> IndexedSequences.decode((byte[]) query.value(row, key.key())));
            List<Attributes> items = key.sequence().match(kept, e.getValue());
            if (items == null) {
                return null;
            }
            result.put(key.tag(), items);
        }
        return result;
    }

    private Attributes response(FindQuery query, QueryRequest request, Object[] row,
            Map<Integer, List<Attributes>> items, String retrieveAETitle, ResponseCharset charset) {
        List<String[]> values = new ArrayList<>(request.returnKeys().size());
        List<String> texts = new ArrayList<>();
        Set<String> storedSets = new HashSet<>();
        for (ReturnKey key : request.returnKeys()) {
            String[] v = key.fill() == ReturnKey.Fill.SEQUENCE ? null : value(query, request, row, key, retrieveAETitle);
            values.add(v);
            if (v != null) {
                texts.addAll(List.of(v));
                if (key.fill() == ReturnKey.Fill.INDEX && Arrays.stream(v).anyMatch(ResponseCharset::isExtended)) {
                    storedSets.add(query.storedCharset(row, key.key().entityLevel()));
                }
            }
        }
        for (ReturnKey key : request.returnKeys()) {
            List<Attributes> matched = items.get(key.tag());
            if (matched != null) {
                int before = texts.size();
                matched.forEach(item -> collectTexts(item, texts));
                if (texts.subList(before, texts.size()).stream().anyMatch(ResponseCharset::isExtended)) {
                    storedSets.add(query.storedCharset(row, key.key().entityLevel()));
                }
            }
        }
        SpecificCharacterSet cs = charset.choose(request.charset(), texts, storedSets);
        Attributes rsp = new Attributes(false, request.returnKeys().size() + 1);
        rsp.setString(Tag.SpecificCharacterSet, VR.CS, cs.codes());
        for (int k = 0; k < values.size(); k++) {
            ReturnKey key = request.returnKeys().get(k);
            String[] v = values.get(k);
            if (key.fill() == ReturnKey.Fill.SPECIFIC_CHARACTER_SET) {
                continue;
            }
            if (key.fill() == ReturnKey.Fill.SEQUENCE) {
                copyItems(items.get(key.tag()), rsp.newSequence(key.tag()), charset, cs);
            } else if (key.vr() == VR.SQ) {
                rsp.newSequence(key.tag());
            } else if (v == null) {
                rsp.setBytes(key.tag(), key.vr(), null);
            } else {
                rsp.setString(key.tag(), key.vr(), adapt(v, charset, cs));
            }
        }
        return rsp;
    }

    private static String[] adapt(String[] values, ResponseCharset charset, SpecificCharacterSet cs) {
        String[] adapted = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            adapted[i] = charset.adapt(values[i], cs);
        }
        return adapted;
    }

    private static void collectTexts(Attributes item, List<String> texts) {
        item.forEachTag(tag -> {
            List<Attributes> nested = item.getSequence(tag);
            if (nested != null) {
                nested.forEach(n -> collectTexts(n, texts));
            } else if (item.getVR(tag).charsetApplies() && item.getStrings(tag) != null) {
                texts.addAll(List.of(item.getStrings(tag)));
            }
        });
    }

    /** Items kept in their object's character set, re-encoded in the response's. */
    private static void copyItems(List<Attributes> from, List<Attributes> to, ResponseCharset charset,
            SpecificCharacterSet cs) {
        for (Attributes item : from) {
            Attributes copy = new Attributes(false, item.size());
            to.add(copy); // first: the copy's text is encoded in the character set of the response
            item.forEachTag(tag -> {
                VR vr = item.getVR(tag);
                List<Attributes> nested = item.getSequence(tag);
                if (nested != null) {
                    copyItems(nested, copy.newSequence(tag), charset, cs);
                } else if (vr.charsetApplies() && item.getStrings(tag) != null) {
                    copy.setString(tag, vr, adapt(item.getStrings(tag), charset, cs));
                } else {
                    copy.setBytes(tag, vr, item.getBytes(tag));
                }
            });
        }
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
