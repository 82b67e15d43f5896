package org.libertymail.ejb.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.libertymail.adapter.api.MessageContent;
import org.libertymail.ejb.store.MessageBody;

/**
 * Message bodies: written once per delivery whatever the number of recipients, read back in
 * chunks, and removed when the last message that references them goes. Bodies live in the
 * database (not in files beside it) so one backup holds all mail and several servers can share
 * one PostgreSQL store; the fixed-size chunks keep every row, and every read, small. A plain
 * CDI bean, not an EJB: it only ever runs inside its caller's transaction, so it needs no
 * container interceptors of its own.
 */
@Dependent
public class BodyStore {
    /** Bytes per MAIL_BODY_CHUNK row. */
    public static final int CHUNK_SIZE = 256 * 1024;

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    /** The whole content of each body in {@code bodyIds}. */
    public Map<Long, byte[]> read(Collection<Long> bodyIds) {
        Map<Long, ByteArrayOutputStream> parts = new HashMap<>();
        for (List<Long> chunk : Chunks.of(bodyIds)) {
            Chunks.select(em, "SELECT BODY_ID, DATA FROM MAIL_BODY_CHUNK WHERE BODY_ID IN (", chunk, " ORDER BY BODY_ID, SEQ",
                    row -> {
                        byte[] data = row.getBytes(2);
                        parts.computeIfAbsent(row.getLong(1), k -> new ByteArrayOutputStream(data.length)).writeBytes(data);
                    });
        }
        Map<Long, byte[]> result = new HashMap<>();
        parts.forEach((id, bytes) -> result.put(id, bytes.toByteArray()));
        return result;
    }

    /** Per body in {@code bodyIds}: {stored header, encoded structure}, either possibly null. */
    public Map<Long, byte[][]> structures(Collection<Long> bodyIds) {
        Map<Long, byte[][]> result = new HashMap<>();
        for (List<Long> chunk : Chunks.of(bodyIds.stream().distinct().toList())) {
            Chunks.select(em, "SELECT ID, HEADER_DATA, STRUCTURE FROM MAIL_BODY WHERE ID IN (", chunk, "",
                    row -> result.put(row.getLong(1), new byte[][] {row.getBytes(2), row.getBytes(3)}));
        }
        return result;
    }

    /** Up to {@code length} bytes of a body from {@code offset}, reading only the chunks they lie in. */
    public byte[] readRange(long bodyId, long offset, int length) {
        if (length <= 0) {
            return new byte[0];
        }
        long firstSeq = offset / CHUNK_SIZE;
        long lastSeq = (offset + length - 1) / CHUNK_SIZE;
        @SuppressWarnings("unchecked")
        List<byte[]> chunks = em.createNativeQuery(
                "SELECT DATA FROM MAIL_BODY_CHUNK WHERE BODY_ID = ? AND SEQ BETWEEN ? AND ? ORDER BY SEQ")
                .setParameter(1, bodyId).setParameter(2, firstSeq).setParameter(3, lastSeq).getResultList();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        long chunkStart = firstSeq * CHUNK_SIZE;
        for (byte[] chunk : chunks) {
            int from = (int) Math.max(0, offset - chunkStart);
            int to = (int) Math.min(chunk.length, offset + length - chunkStart);
            if (from < to) {
                out.write(chunk, from, to - from);
            }
            chunkStart += CHUNK_SIZE;
        }
        return out.toByteArray();
    }

    /**
     * Drops one reference per occurrence in {@code bodyIds} and deletes the bodies nobody
     * references any more. Rows are updated in ascending id order so that two transactions
     * releasing shared bodies wait for each other instead of deadlocking.
     */
    public void release(Collection<Long> bodyIds) {
        TreeMap<Long, Integer> counts = new TreeMap<>();
        bodyIds.forEach(id -> counts.merge(id, 1, Integer::sum));
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            em.createNativeQuery("UPDATE MAIL_BODY SET REF_COUNT = REF_COUNT - ? WHERE ID = ?")
                    .setParameter(1, e.getValue()).setParameter(2, e.getKey()).executeUpdate();
        }
        for (List<Long> chunk : Chunks.of(counts.keySet())) {
            Chunks.bind(em.createNativeQuery("DELETE FROM MAIL_BODY WHERE ID IN ("
                    + Chunks.placeholders(chunk.size()) + ") AND REF_COUNT <= 0"), chunk).executeUpdate();
        }
    }
}
