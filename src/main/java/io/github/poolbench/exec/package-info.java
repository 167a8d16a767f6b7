/**
 * The strategies: how a batch of tasks gets run (in this JVM, or in child processes) behind
 * the one Pool API of {@link io.github.poolbench.exec.AbstractTaskPool}.
 *
 * <h2>Who owns what</h2>
 * <ul>
 *   <li>{@code AbstractTaskPool}: the Pool API (map, apply, applyAsync, join, close), the
 *       count of pending work, and the single result-handler thread where every piece of user
 *       code (callbacks, dependents of the futures it hands out) runs.</li>
 *   <li>{@code InProcessPools}: the thread strategies; {@code ProcessPerTaskPool},
 *       {@code NativeProcessPerTaskPool} and {@code PerTaskProcessPool}: a child per task,
 *       started by a {@code Spawner} ({@code PosixSpawnSpawner}, {@code ProcessBuilderSpawner},
 *       {@code NuProcessSpawner}), each bounding what it keeps of a child's output
 *       ({@code BoundedCapture}) and killing a child and its descendants at the time limit
 *       ({@code KillTimer}).</li>
 *   <li>{@code ProcessPool}: the worker-process pool (the document's {@code Pool(N)}). Its
 *       chunk states, dispatch, replacement and watchdog are one class under one lock; the
 *       class comment says which state each thread changes.</li>
 *   <li>{@code ChildJvm}: the command line of a child JVM and its class archive;
 *       {@code TempFiles}: the package's temporary files, named after their JVM's pid, so
 *       those of a JVM that died by SIGKILL are swept by the next one.</li>
 * </ul>
 *
 * <h2>Which thread runs what (the worker-process pool)</h2>
 * <ul>
 *   <li>The caller of {@code map}/{@code apply}: queues its chunks, dispatches them, and writes
 *       them itself when a window of them fits half a pipe.</li>
 *   <li>One sender thread per worker: writes what the caller handed off, and refills the
 *       window when answers free half of it. Only the thread holding a worker's
 *       {@code sending} claim writes its stdin.</li>
 *   <li>One reader thread per worker: reads answers and reports them to the chunks' sinks;
 *       when the worker's stdout ends it settles what the worker held and starts its
 *       replacement. It never writes.</li>
 *   <li>One stderr copier per worker: echoes the worker's stderr with its pid and keeps a
 *       bounded tail for error messages.</li>
 *   <li>The watchdog (only with a per-task time limit): kills a worker whose current chunk is
 *       over its limit.</li>
 *   <li>The result-handler thread: all user code.</li>
 * </ul>
 */
package io.github.poolbench.exec;
