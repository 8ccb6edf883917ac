package org.qrarchive.archive.retrieve.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.qrarchive.archive.query.control.QueryLevel;
import org.qrarchive.archive.retrieve.control.Retrievable;
import org.qrarchive.archive.retrieve.control.RetrieveRequest;

/** The instances a C-MOVE or C-GET identifier names, in the index of one archive AE, in store order. */
@Stateless
public class RetrieveSearch {
    private static final Map<QueryLevel, String> UNIQUE = Map.of(QueryLevel.PATIENT, "p.patientId",
            QueryLevel.STUDY, "st.studyInstanceUid", QueryLevel.SERIES, "se.seriesInstanceUid",
            QueryLevel.IMAGE, "i.sopInstanceUid");

    @PersistenceContext(unitName = "qr")
    EntityManager em;

    public List<Retrievable> instances(String aeTitle, RetrieveRequest request) {
        StringBuilder jpql = new StringBuilder("select new ").append(Retrievable.class.getName())
                .append("(i.sopClassUid, i.sopInstanceUid, i.transferSyntaxUid, i.filePath, i.fileSize) ")
                .append(QueryLevel.IMAGE.fromClause()).append(" where i.aeTitle = :ae");
        List<Object[]> parameters = new ArrayList<>();
        request.uniqueKeys().forEach((level, values) -> {
            String name = "k" + level.ordinal();
            jpql.append(" and ").append(UNIQUE.get(level)).append(" in :").append(name);
            parameters.add(new Object[] {name, values});
        });
        jpql.append(" order by i.pk");
        TypedQuery<Retrievable> q = em.createQuery(jpql.toString(), Retrievable.class).setParameter("ae", aeTitle);
        parameters.forEach(p -> q.setParameter((String) p[0], p[1]));
        return q.getResultList();
    }
}
