/*
 * The OS floor without a JVM: posix_spawn /bin/true N times (default 1000), at most K alive
 * at once (default 5, as FloorBenchmark's maxChildren), and print the microseconds per child.
 * The twin of FloorBenchmark.spawnTrue with spawner=posix_spawn: run it beside that row.
 * Not part of the Maven build. Build and run:
 *   gcc -O2 -o /tmp/spawn-floor scripts/spawn-floor.c && /tmp/spawn-floor [N] [K] [rounds]
 * "rounds" (default 5) repeats the loop and prints each round, then the median.
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000, k = argc > 2 ? atoi(argv[2]) : 5, rounds = argc > 3 ? atoi(argv[3]) : 5;
    char *child[] = {"/bin/true", NULL};
    double per[64];
    if (rounds < 1 || rounds > 64 || n < 1 || k < 1) {
        fprintf(stderr, "usage: %s [children>0] [alive>0] [rounds 1..64]\n", argv[0]);
        return 2;
    }
    for (int r = 0; r < rounds; r++) {
        double start = now_us();
        int started = 0, alive = 0, status;
        while (started < n || alive > 0) {
            while (alive < k && started < n) {
                pid_t pid;
                if (posix_spawn(&pid, child[0], NULL, NULL, child, environ) != 0) {
                    perror("posix_spawn");
                    return 1;
                }
                started++;
                alive++;
            }
            if (wait(&status) > 0) {
                alive--;
            }
        }
        per[r] = (now_us() - start) / n;
        printf("round %d: %.1f us per child (%d children, %d alive at a time)\n", r + 1, per[r], n, k);
    }
    qsort(per, rounds, sizeof per[0], cmp);
    printf("median: %.1f us per child\n", per[rounds / 2]);
    return 0;
}
