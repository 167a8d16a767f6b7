package io.github.poolbench.bench;

import io.github.poolbench.workload.Job;

import java.util.List;

/** Result checks shared by the benchmarks: a wrong result fails the run instead of being timed. */
final class Checks {
    private Checks() {
    }

    static int[] range(int n) {
        int[] inputs = new int[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = i;
        }
        return inputs;
    }

    static List<Object> expectAll(List<Object> results, Job job, int[] inputs) {
        if (results.size() != inputs.length) {
            throw new IllegalStateException(job + ": expected " + inputs.length + " results, got " + results.size());
        }
        for (int i = 0; i < inputs.length; i++) {
            expectOne(results.get(i), job, inputs[i]);
        }
        return results;
    }

    static Object expectOne(Object result, Job job, int input) {
        Object expected = job.expected(input);
        if (!expected.equals(result)) {
            throw new IllegalStateException(job + " on input " + input + ": expected " + expected + ", got " + result);
        }
        return result;
    }
}
