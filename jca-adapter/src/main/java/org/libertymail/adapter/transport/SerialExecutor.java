package org.libertymail.adapter.transport;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one session's tasks one after another on a shared pool, so a session never runs on two
 * threads at once and holds no thread while it waits for input.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

    private final Executor pool;
    /** Small at first: most sessions have one task at a time (an idle one none). */
    private final Queue<Runnable> tasks = new ArrayDeque<>(2);
    private boolean running;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        startDrain();
    }

    /**
     * Runs {@code task} on the calling thread when nothing of this session is running or queued
     * and {@code here} agrees (asked while the session is held, so it may read the session's
     * state); otherwise as {@link #execute} would.
     */
    void execute(Runnable task, BooleanSupplier here) {
        synchronized (this) {
            if (running) {
                tasks.add(task);
                return;
            }
            running = true; // nothing queued either: drain() clears the flag only on an empty queue
        }
        boolean ranHere = false;
        try {
            if (here.getAsBoolean()) {
                ranHere = true;
                task.run();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Session task failed", e);
        }
        synchronized (this) {
            if (!ranHere) {
                tasks.add(task);
            }
            if (tasks.isEmpty()) {
                running = false;
                return;
            }
        }
        startDrain();
    }

    /** Hands the queued tasks to the pool; call holding the running flag. */
    private void startDrain() {
        try {
            pool.execute(this::drain);
        } catch (RuntimeException e) {
            synchronized (this) {
                running = false;
                tasks.clear();
            }
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Session task failed", e);
            }
        }
    }
}
