package org.libertymail.adapter.ra;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

/** Runs tasks on the container's threads through the adapter's WorkManager. */
final class WorkManagerExecutor implements Executor {
    private final WorkManager workManager;

    WorkManagerExecutor(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(new Work() {
                @Override
                public void run() {
                    task.run();
                }

                @Override
                public void release() {
                    // Tasks end on their own: event loops when the group shuts down, session work when done.
                }
            });
        } catch (WorkException e) {
            throw new RejectedExecutionException(e);
        }
    }
}
