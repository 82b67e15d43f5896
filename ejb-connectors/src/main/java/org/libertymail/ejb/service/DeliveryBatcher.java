package org.libertymail.ejb.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.libertymail.adapter.api.DeliveryReceipt;
import org.libertymail.adapter.api.StoreUnavailableException;

/**
 * Group commit for deliveries. Every durable commit costs a disk sync, so the deliveries of
 * sessions that arrive while others are committing wait and are then stored together, in one
 * transaction and one sync, by whichever of their threads comes first (the others just wait for
 * the outcome). Each caller still returns only after its own message is committed. At most
 * {@link #PARALLEL} batches run at once; each locks its folders in ascending id order, so
 * batches never deadlock one another. When a batch fails as a whole, its deliveries are retried
 * one by one, so one bad message cannot refuse its neighbours'.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryBatcher {
    static final int MAX_BATCH = 32;
    static final int PARALLEL = 4;

    @EJB
    DeliveryService delivery;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int running;

    private static final class Pending {
        final DeliveryRequest request;
        DeliveryReceipt receipt;
        RuntimeException failure;
        boolean done;

        Pending(DeliveryRequest request) {
            this.request = request;
        }
    }

    /** Stores one message; returns once it is committed (possibly together with others). */
    public DeliveryReceipt deliver(DeliveryRequest request) {
        Pending mine = new Pending(request);
        synchronized (this) {
            queue.add(mine);
        }
        return await(mine);
    }

    private DeliveryReceipt await(Pending mine) {
        boolean interrupted = false;
        while (true) {
            List<Pending> batch = new ArrayList<>();
            synchronized (this) {
                while (!mine.done && (running >= PARALLEL || queue.isEmpty())) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // Still queued: a leader will store it, so the outcome must be awaited.
                        interrupted = true;
                    }
                }
                if (mine.done) {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    if (mine.failure != null) {
                        throw mine.failure;
                    }
                    return mine.receipt;
                }
                while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                    batch.add(queue.poll());
                }
                running++;
            }
            try {
                store(batch);
            } finally {
                synchronized (this) {
                    running--;
                    batch.forEach(p -> p.done = true);
                    notifyAll();
                }
            }
        }
    }

    private void store(List<Pending> batch) {
        try {
            List<DeliveryReceipt> receipts = StoreCalls.run(
                    () -> delivery.deliverAll(batch.stream().map(p -> p.request).collect(Collectors.toList())));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).receipt = receipts.get(i);
            }
        } catch (StoreUnavailableException e) {
            batch.forEach(p -> p.failure = e);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).failure = e;
                return;
            }
            for (Pending p : batch) {
                try {
                    p.receipt = StoreCalls.run(() -> delivery.deliverAll(List.of(p.request))).get(0);
                } catch (RuntimeException single) {
                    p.failure = single;
                }
            }
        }
    }
}
