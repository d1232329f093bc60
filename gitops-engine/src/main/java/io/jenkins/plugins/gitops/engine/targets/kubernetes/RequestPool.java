package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The requests a read or a preview of many objects keeps in flight at once: latency, not the server's work,
 * dominates one request, so a plan of thousands waits for {@value #CONCURRENT_REQUESTS} at a time.
 */
final class RequestPool implements AutoCloseable {
    static final int CONCURRENT_REQUESTS = 16;
    private final ExecutorService requests = Executors.newFixedThreadPool(CONCURRENT_REQUESTS, task -> {
        Thread thread = new Thread(task, "gitops-kubernetes-request");
        thread.setDaemon(true);
        return thread;
    });
    private final String serverUrl;

    RequestPool(String serverUrl) {
        this.serverUrl = serverUrl;
    }

    /**
     * Runs every task, concurrently, and returns their results in the tasks' order. The first failure in that
     * order is rethrown as it was raised (it names its resource); the tasks not yet done are cancelled.
     */
    <R> List<R> all(List<? extends Callable<R>> tasks) {
        List<Future<R>> futures = new ArrayList<>(tasks.size());
        try {
            tasks.forEach(task -> futures.add(requests.submit(task)));
            List<R> results = new ArrayList<>(tasks.size());
            for (Future<R> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    private <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while talking to the Kubernetes API server at " + serverUrl, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new TargetException("request to the Kubernetes API server at " + serverUrl + " failed",
                    e.getCause());
        }
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }
}
