package io.github.poolbench.exec;

/** Python's {@code Pool.map} chunking rule, and the argument checks shared by every pool. */
public final class Chunking {
    private Chunking() {
    }

    /**
     * {@code ceil(n / (4 * workers))}, at least 1: what CPython's {@code Pool.map} uses when
     * no chunksize is given (1000 tasks on 5 workers: 50).
     */
    public static int defaultChunksize(int tasks, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (tasks <= 0) {
            return 1;
        }
        long per = 4L * workers;
        return (int) Math.max(1, (tasks + per - 1) / per);
    }

    /**
     * A benchmark's {@code chunksize} param: {@code auto} (Python's rule) or a number of at
     * least 1.
     */
    public static int resolve(String spec, int tasks, int workers) {
        if ("auto".equals(spec)) {
            return defaultChunksize(tasks, workers);
        }
        int chunksize;
        try {
            chunksize = Integer.parseInt(spec.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("chunksize must be auto or a number, was '" + spec + "'");
        }
        checkChunksize(chunksize);
        return chunksize;
    }

    static void checkChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
        }
    }


    /** Chunks of {@code size} in {@code n} inputs, computed without overflow. */
    static int chunkCount(int n, int size) {
        return (int) (((long) n + size - 1) / size);
    }

    /** First input of chunk {@code k}. */
    static int chunkFrom(int k, int size) {
        return (int) ((long) k * size);
    }

    /** One past the last input of chunk {@code k} of {@code n} inputs. */
    static int chunkTo(int k, int size, int n) {
        return (int) Math.min(n, ((long) k + 1) * size);
    }
}
