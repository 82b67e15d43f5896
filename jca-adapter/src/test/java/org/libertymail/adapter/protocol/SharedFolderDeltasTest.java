package org.libertymail.adapter.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.FolderDelta;
import org.libertymail.adapter.support.InMemoryMailStore;

class SharedFolderDeltasTest {
    private static final String A = "alice@example.com";

    private static long calls(InMemoryMailStore store) {
        return store.calls.stream().filter(c -> c.startsWith("changesSince")).count();
    }

    @Test
    void sessionsAskingAtOnceShareOneStoreCall() throws Exception {
        InMemoryMailStore store = new InMemoryMailStore().domain("example.com").mailbox(A, "pw");
        store.add(A, "Subject: one\r\n\r\nx\r\n");
        SharedFolderDeltas deltas = new SharedFolderDeltas(store);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<FolderDelta>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return deltas.since(A, "INBOX", 1, 0);
            }));
        }
        go.countDown();
        for (Future<FolderDelta> f : answers) {
            assertEquals(1, f.get().changed().size());
        }
        pool.shutdown();
        assertEquals(1, calls(store));
    }

    @Test
    void aChangeStartsANewEpoch() {
        InMemoryMailStore store = new InMemoryMailStore().domain("example.com").mailbox(A, "pw");
        SharedFolderDeltas deltas = new SharedFolderDeltas(store);
        assertEquals(0, deltas.since(A, "INBOX", 1, 0).changed().size());
        store.add(A, "Subject: one\r\n\r\nx\r\n");
        assertEquals(0, deltas.since(A, "INBOX", 1, 0).changed().size(), "not told yet: the answer of this epoch");
        deltas.changed("ALICE@example.com");
        assertEquals(1, deltas.since(A, "INBOX", 1, 0).changed().size());
        assertEquals(2, calls(store));
    }
}
