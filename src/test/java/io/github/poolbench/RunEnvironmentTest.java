package io.github.poolbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fields of the environment record that decide or qualify a comparison. */
class RunEnvironmentTest {
    @TempDir
    Path cgroup;

    @Test
    void aCgroupV2LimitIsReadFromCpuMax() throws Exception {
        Files.writeString(cgroup.resolve("cpu.max"), "150000 100000\n");
        assertEquals("1.50 CPUs (cpu.max 150000 100000)", RunEnvironment.cgroupCpuLimit(cgroup));
        Files.writeString(cgroup.resolve("cpu.max"), "max 100000\n");
        assertEquals("none (cpu.max max 100000)", RunEnvironment.cgroupCpuLimit(cgroup));
    }

    @Test
    void aCgroupV1LimitIsReadFromTheQuotaAndPeriod() throws Exception {
        Path cpu = Files.createDirectories(cgroup.resolve("cpu"));
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "200000\n");
        Files.writeString(cpu.resolve("cpu.cfs_period_us"), "100000\n");
        assertEquals("2 CPUs (cpu.cfs_quota_us 200000, cpu.cfs_period_us 100000)", RunEnvironment.cgroupCpuLimit(cgroup));
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "-1\n");
        assertEquals("none (cpu.cfs_quota_us -1, cpu.cfs_period_us 100000)", RunEnvironment.cgroupCpuLimit(cgroup));
    }

    @Test
    void noCgroupFilesMeanNoLimitRecorded() {
        assertNull(RunEnvironment.cgroupCpuLimit(cgroup));
    }

    @Test
    void theLaunchMechanismComesFromTheForksJvmArgumentsFirst() {
        assertEquals("FORK", RunEnvironment.launchMechanism(
                List.of("-jvmArgsAppend", "-Xmx1g -Djdk.lang.Process.launchMechanism=FORK")));
        String own = System.getProperty("jdk.lang.Process.launchMechanism");
        assertEquals(own == null ? "default" : own, RunEnvironment.launchMechanism(List.of("IncrementBenchmark")));
    }

    @Test
    void theRecordNamesKernelJdkBuildCpuCgroupAndLaunchMechanism() {
        Map<String, Object> env = RunEnvironment.collect(List.of("x"), null, null);
        for (String field : List.of("kernel", "jdkVendor", "jdkRuntimeVersion", "cpuModel", "cgroupCpuLimit",
                "processLaunchMechanism")) {
            assertTrue(env.containsKey(field), field + " in " + env.keySet());
        }
        assertEquals(System.getProperty("java.runtime.version"), env.get("jdkRuntimeVersion"));
    }
}
