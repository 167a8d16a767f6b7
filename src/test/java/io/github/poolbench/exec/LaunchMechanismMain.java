package io.github.poolbench.exec;

import java.util.List;

/**
 * A fresh JVM for {@link LaunchMechanismsTest}: chooses the mechanism named by its argument,
 * runs {@code /bin/true} through the ProcessBuilder spawner and prints what was in effect.
 */
public final class LaunchMechanismMain {
    private LaunchMechanismMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            LaunchMechanisms.use(args[0]);
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
            return;
        }
        try (Spawner s = Spawner.named(Spawner.PROCESS_BUILDER)) {
            int status = s.run(List.of("/bin/true"), 0).exitStatus();
            System.out.println("in effect " + LaunchMechanisms.inEffect() + ", exit " + status
                    + ", notice caught: " + !LaunchMechanisms.caughtNotice().isEmpty());
        }
    }
}
