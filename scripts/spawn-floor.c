/*
 * The OS floor without a JVM: posix_spawn /bin/true N times (default 1000), at most K alive
 * at once (default 5, as FloorBenchmark's maxChildren), and print the microseconds per child.
 * The twin of FloorBenchmark.spawnTrue with spawner=posix_spawn: run it beside that row.
 *   mode "loop"    (default) one thread spawns while fewer than K are alive, wait() reaps any;
 *   mode "threads" K threads each spawn one child and waitpid() it, as the Java pool does;
 *   mode "pipes"   as "threads", with what the JVM's posix_spawn spawner does for each child:
 *                  stdin from /dev/null, stdout and stderr to two pipes read to the end with
 *                  poll() before waitpid(), every descriptor above 2 closed in the child
 *                  (the like-for-like twin of spawner=posix_spawn).
 * Not part of the Maven build. Build and run:
 *   gcc -O2 -pthread -o /tmp/spawn-floor scripts/spawn-floor.c
 *   /tmp/spawn-floor [N] [K] [rounds] [loop|threads|pipes]
 * Each of "rounds" (default 5) is printed, then the median.
 */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;
static char *child[] = {"/bin/true", NULL};
static int total, next, piped;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static void spawn_or_die(pid_t *pid) {
    if (posix_spawn(pid, child[0], NULL, NULL, child, environ) != 0) {
        perror("posix_spawn");
        exit(1);
    }
}

/* spawn with stdin from /dev/null and stdout/stderr to pipes, read both to the end, then reap */
static void spawn_piped_and_wait(void) {
    int out[2], err[2], status;
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
        perror("pipe2");
        exit(1);
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    posix_spawn_file_actions_addclosefrom_np(&fa, 3); /* as the JVM's spawner: nothing beyond 0-2 (glibc 2.34+) */
    pid_t pid;
    if (posix_spawn(&pid, child[0], &fa, NULL, child, environ) != 0) {
        perror("posix_spawn");
        exit(1);
    }
    posix_spawn_file_actions_destroy(&fa);
    close(out[1]);
    close(err[1]);
    struct pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    int open_fds = 2;
    char buf[4096];
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            perror("poll");
            exit(1);
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                if (read(fds[i].fd, buf, sizeof buf) <= 0) {
                    close(fds[i].fd);
                    fds[i].fd = -1;
                    open_fds--;
                }
            }
        }
    }
    waitpid(pid, &status, 0);
}

static void *worker(void *unused) {
    (void) unused;
    for (;;) {
        pthread_mutex_lock(&lock);
        int mine = next < total ? next++ : -1;
        pthread_mutex_unlock(&lock);
        if (mine < 0) {
            return NULL;
        }
        if (piped) {
            spawn_piped_and_wait();
            continue;
        }
        pid_t pid;
        int status;
        spawn_or_die(&pid);
        waitpid(pid, &status, 0);
    }
}

static void loop(int n, int k) {
    int started = 0, alive = 0, status;
    while (started < n || alive > 0) {
        while (alive < k && started < n) {
            pid_t pid;
            spawn_or_die(&pid);
            started++;
            alive++;
        }
        if (wait(&status) > 0) {
            alive--;
        }
    }
}

static void threads(int n, int k) {
    pthread_t t[64];
    total = n;
    next = 0;
    for (int i = 0; i < k; i++) {
        pthread_create(&t[i], NULL, worker, NULL);
    }
    for (int i = 0; i < k; i++) {
        pthread_join(t[i], NULL);
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000, k = argc > 2 ? atoi(argv[2]) : 5, rounds = argc > 3 ? atoi(argv[3]) : 5;
    piped = argc > 4 && strcmp(argv[4], "pipes") == 0;
    int threaded = piped || (argc > 4 && strcmp(argv[4], "threads") == 0);
    double per[64];
    if (rounds < 1 || rounds > 64 || n < 1 || k < 1 || k > 64 || (argc > 4 && !threaded && strcmp(argv[4], "loop") != 0)) {
        fprintf(stderr, "usage: %s [children>0] [alive 1..64] [rounds 1..64] [loop|threads|pipes]\n", argv[0]);
        return 2;
    }
    for (int r = 0; r < rounds; r++) {
        double start = now_us();
        if (threaded) {
            threads(n, k);
        } else {
            loop(n, k);
        }
        per[r] = (now_us() - start) / n;
        printf("round %d: %.1f us per child (%d children, %d alive at a time, %s)\n", r + 1, per[r], n, k,
               piped ? "pipes" : threaded ? "threads" : "loop");
    }
    qsort(per, rounds, sizeof per[0], cmp);
    printf("median: %.1f us per child\n", per[rounds / 2]);
    return 0;
}
