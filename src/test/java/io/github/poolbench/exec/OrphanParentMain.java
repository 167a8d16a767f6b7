package io.github.poolbench.exec;

import io.github.poolbench.workload.Task;

import java.util.stream.Collectors;

/**
 * A parent JVM for the orphan test: builds a FIXED_PROCESS_POOL of 2, checks it works, prints
 * "pids A B", then waits to be killed. With the argument {@code busy}, both workers are in the
 * middle of a 30 s task when it prints.
 */
public final class OrphanParentMain {
    private OrphanParentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ProcessPool pool = (ProcessPool) Strategy.FIXED_PROCESS_POOL.create(PoolConfig.ofWorkers(2));
        pool.apply(Task.INCREMENT.with(0), 1);
        if (args.length > 0 && "busy".equals(args[0])) {
            pool.applyAsync(Task.SLEEP_SQUARE.with(30_000), 1);
            pool.applyAsync(Task.SLEEP_SQUARE.with(30_000), 2);
            Thread.sleep(500); // both written and running
        }
        System.out.println("pids " + pool.workerPids().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(300_000);
    }
}
