package io.github.poolbench.workload;

import java.util.Objects;

/**
 * A task bound to its fixed parameter: what a pool is asked to run on each input.
 * Only a name and integers, so it crosses a process boundary without serialization.
 */
public record Job(Task task, int param) {
    public Job {
        Objects.requireNonNull(task, "task must not be null");
    }

    public Object run(int input) {
        return task.run(input, param);
    }

    public Object expected(int input) {
        return task.expected(input);
    }

    @Override
    public String toString() {
        return task.name() + "(param=" + param + ")";
    }
}
