package io.github.poolbench.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a series is keyed by besides its row: the machine a run was measured on. Two runs are on
 * the same machine when OS, architecture, CPU model and signature (family/model/stepping), core
 * count and cgroup CPU limit all agree. The kernel, the JDK and the launch mechanism are not part
 * of it: they are what a user changes on purpose, so they vary along a series and a change point
 * names them when they changed across it.
 */
record Machine(String osName, String osArch, String cpuModel, String cpuSignature, int cores, String cgroupCpuLimit) {
    /** A short stable id: the first 12 hex digits of the SHA-256 of the identity's fields. */
    String id() {
        String key = String.join("\u0000", text(osName), text(osArch), text(cpuModel), text(cpuSignature),
                Integer.toString(cores), text(cgroupCpuLimit));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** How a page or a line names it, e.g. {@code Linux amd64, AMD EPYC (family 26 model 2 stepping 1), 2 cores}. */
    String label() {
        String cgroup = cgroupCpuLimit == null || cgroupCpuLimit.startsWith("none") ? "" : ", cgroup " + cgroupCpuLimit;
        return text(osName) + " " + text(osArch) + ", " + text(cpuModel)
                + (cpuSignature == null ? "" : " (" + cpuSignature + ")") + ", " + cores + " cores" + cgroup;
    }

    private static String text(String s) {
        return s == null ? "?" : s;
    }
}
