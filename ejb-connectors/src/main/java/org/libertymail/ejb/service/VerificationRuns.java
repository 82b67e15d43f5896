package org.libertymail.ejb.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The history of verification runs (V12 VERIFICATION_RUN), the report kept as JSON. */
@Stateless
public class VerificationRuns {
    /** Runs kept; older ones are removed as new ones are saved. */
    static final int KEPT = 100;
    private static final Jsonb JSON = JsonbBuilder.create();

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    /** Saves a run. @return its id */
    public long save(long startedAtMillis, VerificationReport report) {
        em.createNativeQuery("INSERT INTO VERIFICATION_RUN (STARTED_AT, OUTCOME, REPORT_JSON) VALUES (?, ?, ?)")
                .setParameter(1, startedAtMillis).setParameter(2, report.outcome()).setParameter(3, JSON.toJson(report))
                .executeUpdate();
        long id = ((Number) em.createNativeQuery("SELECT MAX(ID) FROM VERIFICATION_RUN WHERE STARTED_AT = ?")
                .setParameter(1, startedAtMillis).getSingleResult()).longValue();
        em.createNativeQuery("DELETE FROM VERIFICATION_RUN WHERE ID <= ?").setParameter(1, id - KEPT).executeUpdate();
        return id;
    }

    /** The latest runs, newest first. */
    public List<VerificationReport> latest(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT ID, REPORT_JSON FROM VERIFICATION_RUN ORDER BY ID DESC")
                .setMaxResults(limit).getResultList();
        List<VerificationReport> reports = new ArrayList<>();
        for (Object[] row : rows) {
            VerificationReport r = JSON.fromJson(row[1].toString(), VerificationReport.class);
            reports.add(new VerificationReport(((Number) row[0]).longValue(), r.startedAt(), r.durationMs(), r.outcome(),
                    r.checks()));
        }
        return reports;
    }
}
