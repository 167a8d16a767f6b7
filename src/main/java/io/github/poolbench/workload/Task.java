package io.github.poolbench.workload;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The document's task bodies, as a closed set addressed by name.
 *
 * <p>Every task takes one varying integer {@code input} (the element of the batch) and one
 * fixed integer {@code param} (sleep milliseconds, CPU work units, ...), and returns a value.
 * A worker process receives the task's {@link #wireId() wire id} and the two integers and runs
 * the very same code, so in-process and out-of-process strategies do identical work.
 * No JMH and no I/O in here.
 */
public enum Task {
    /** §2: {@code def func(i): i += 1}. Returns {@code input + 1} so the caller can check it. */
    INCREMENT(1) {
        @Override
        public Object run(int input, int param) {
            return input + 1;
        }
    },
    /** §3/§4/§7: {@code work(n)}: sleep {@code param} milliseconds, return {@code n * n}. */
    SLEEP_SQUARE(2) {
        @Override
        public Object run(int input, int param) {
            sleepMillis(param);
            return input * input;
        }
    },
    /**
     * CPU work of {@code param} units, then {@code input + 1}. One unit is a few nanoseconds of
     * dependent arithmetic (the same shape as JMH's {@code Blackhole.consumeCPU}); callers
     * calibrate units to time.
     */
    CPU_BURN(3) {
        @Override
        public Object run(int input, int param) {
            long state = input;
            for (int i = 0; i < param; i++) {
                state = state * 0x5DEECE66DL + 0xBL + (state >>> 17);
            }
            // The result depends on the loop, so the JIT cannot drop it, yet stays checkable.
            return (state == 42L && param < 0) ? Integer.MIN_VALUE : input + 1;
        }
    },
    /** §6: {@code func(i)} returns {@code i * '*'}: a string of {@code input} stars. */
    STARS(4) {
        @Override
        public Object run(int input, int param) {
            return "*".repeat(Math.max(0, input));
        }
    },
    /** A task that always fails: used to check that a task's error reaches the caller. */
    RAISE(5) {
        @Override
        public Object run(int input, int param) {
            throw new IllegalStateException("task RAISE failed on input " + input);
        }
    };

    private final int wireId;

    Task(int wireId) {
        this.wireId = wireId;
    }

    /** Runs the task body on the calling thread. */
    public abstract Object run(int input, int param);

    /** The value a correct run returns for {@code input} (without doing the work); RAISE has none. */
    public Object expected(int input) {
        switch (this) {
            case INCREMENT:
            case CPU_BURN:
                return input + 1;
            case SLEEP_SQUARE:
                return input * input;
            case STARS:
                return "*".repeat(Math.max(0, input));
            default:
                return null;
        }
    }

    /** A stable small number that names this task on the worker wire protocol. */
    public int wireId() {
        return wireId;
    }

    /** A job binds this task to its fixed parameter. */
    public Job with(int param) {
        return new Job(this, param);
    }

    /** The task with this wire id; a table look-up (a worker does one per chunk), no copy of {@code values()}. */
    public static Task fromWireId(int id) {
        Task t = id >= 0 && id < BY_WIRE_ID.length ? BY_WIRE_ID[id] : null;
        if (t == null) {
            throw new IllegalArgumentException("unknown task id " + id + "; known: " + Arrays.toString(values()));
        }
        return t;
    }

    private static final Task[] BY_WIRE_ID = byWireId();

    private static Task[] byWireId() {
        int max = 0;
        for (Task t : values()) {
            max = Math.max(max, t.wireId);
        }
        Task[] table = new Task[max + 1];
        for (Task t : values()) {
            table[t.wireId] = t;
        }
        return table;
    }

    /** Looks a task up by name, case-insensitively, with a message that lists the valid names. */
    public static Task byName(String name) {
        if (name != null) {
            for (Task t : values()) {
                if (t.name().equalsIgnoreCase(name.trim())) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; expected one of: "
                + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    private static void sleepMillis(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sleeping", e);
        }
    }
}
