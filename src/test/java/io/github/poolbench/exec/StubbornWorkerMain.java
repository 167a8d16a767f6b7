package io.github.poolbench.exec;

import io.github.poolbench.worker.Protocol;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/** A worker that says hello and then ignores its input, so close() must kill it after the grace period. */
public final class StubbornWorkerMain {
    private StubbornWorkerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        out.write(Protocol.hello(ProcessHandle.current().pid()));
        out.flush();
        Thread.sleep(120_000);
    }
}
