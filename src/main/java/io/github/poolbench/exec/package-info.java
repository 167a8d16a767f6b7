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
 *   <li>{@code ProcessPool}: the worker-process pool (the document's {@code Pool(N)}): the Pool
 *       API on top of the parts below, which share one lock (the ledger object).
 *       <ul>
 *         <li>{@code ChunkLedger} (with {@code Chunk}): where every chunk is. The queue and one
 *             {@code Lane} per worker (outbox, chunks in flight, window); the chunk states
 *             ({@code Chunk.State}, changed only in {@code Chunk.moveTo}, which refuses an
 *             illegal move) and every at-most-once rule. No process, no thread, no I/O.</li>
 *         <li>{@code WorkerProcess} (with {@code StderrTail}): one worker JVM as a process:
 *             start, hello, pipes, kill, reap, the tail of its stderr. Knows no chunks.</li>
 *         <li>{@code LaneWriter}: the only code that writes a worker's stdin.</li>
 *         <li>{@code AnswerReader}: the reader of a worker's stdout (its hello, through
 *             {@code WorkerProcess}, then every answer); nothing else reads it.</li>
 *         <li>{@code WorkerSupervisor}: the pool's state ({@code RUNNING},
 *             {@code SHORT_OF_WORKERS}, {@code RELEASING}), starting the workers, settling a
 *             dead one and replacing it with retries, the watchdog, close.</li>
 *       </ul></li>
 *   <li>{@code ChildJvm}: the command line of a child JVM and its class archive;
 *       {@code TempFiles}: the package's temporary files, named after their JVM's pid, so
 *       those of a JVM that died by SIGKILL are swept by the next one.</li>
 * </ul>
 *
 * <h2>Which thread runs what (the worker-process pool)</h2>
 * <ul>
 *   <li>The caller of {@code map}/{@code apply}: queues its chunks and dispatches them in the
 *       ledger; for the lanes it claimed it is the {@code LaneWriter} itself when a window of
 *       its requests fits half a pipe, else it wakes their sender threads.</li>
 *   <li>One sender thread per worker ({@code LaneWriter}): writes what the caller handed off,
 *       and refills the window when answers free half of it. Only the thread holding a lane's
 *       {@code sending} claim (taken in {@code ChunkLedger.dispatch}) writes its stdin.</li>
 *   <li>One reader thread per worker ({@code AnswerReader}): reads the hello, then answers,
 *       and reports them to the chunks' sinks. It never writes. When the worker's stdout ends
 *       it calls {@code WorkerSupervisor.died}, which on this same thread settles what the
 *       worker held and starts its replacement (with retries).</li>
 *   <li>One stderr copier per worker ({@code StderrTail}, started by {@code WorkerProcess}):
 *       echoes the worker's stderr with its pid and keeps a bounded tail for error messages.</li>
 *   <li>The watchdog ({@code WorkerSupervisor}, only with a per-task time limit): kills a
 *       worker whose current chunk is over its limit.</li>
 *   <li>The closing thread ({@code WorkerSupervisor.close}): closes stdins, waits the grace
 *       period, kills and reaps what is left, joins every thread above.</li>
 *   <li>The result-handler thread: all user code.</li>
 * </ul>
 */
package io.github.poolbench.exec;
