package io.github.poolbench.exec;

import io.github.poolbench.worker.Protocol;
import io.github.poolbench.workload.Job;

import java.util.List;

/**
 * PROCESS_PER_TASK: a new child JVM per task, the document's {@code Process(target=func)}.
 * The child is the same {@code java} with the same jar ({@link ChildJvm}), started with an
 * explicit argv {@code WorkerMain once TASK_ID PARAM INPUT}; it runs the very same
 * {@link io.github.poolbench.workload.Task} code, writes one {@link Protocol} response to
 * stdout and exits. At most {@code maxChildren} children are alive at once
 * ({@link PerTaskProcessPool}).
 */
final class ProcessPerTaskPool extends PerTaskProcessPool {
    private final ChildJvm jvm;

    ProcessPerTaskPool(PoolConfig config) {
        this(config, ChildJvm.forFlags(config.jvmFlags()));
    }

    ProcessPerTaskPool(PoolConfig config, ChildJvm jvm) {
        super("PROCESS_PER_TASK", config, Spawner.named(config.spawner()));
        this.jvm = jvm;
    }

    @Override
    protected List<String> command(Job job, int input) {
        return jvm.onceCommand(job.task().wireId(), job.param(), input);
    }

    @Override
    protected Object result(Job job, int input, List<String> argv, Spawner.Outcome o) throws Exception {
        byte[] out = o.stdout();
        String problem = "";
        if (o.exitStatus() == 0) {
            try {
                Protocol.Response r = Protocol.decodeOnlyFrame(out);
                if (r.failed()) {
                    throw new RemoteTaskException(r.error(), o.pid());
                }
                if (r.values().length == 1) {
                    return r.values()[0];
                }
                problem = " (its answer held " + r.values().length + " values)";
            } catch (Protocol.ProtocolException e) {
                problem = " (" + e.getMessage() + ")";
            }
        }
        String err = o.stderrTail();
        throw new WorkerDiedException("child JVM pid " + o.pid() + " ended with " + ExitStatus.describe(o.exitStatus())
                + " and no result for " + job + " on input " + input + problem + ": " + ChildJvm.describe(argv)
                + (err.isEmpty() ? "" : "; its stderr: " + err), o.pid(), o.exitStatus());
    }

    ChildJvm jvm() {
        return jvm;
    }
}
