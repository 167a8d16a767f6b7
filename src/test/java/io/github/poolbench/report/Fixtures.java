package io.github.poolbench.report;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The JMH result files under src/test/resources/report/fixtures. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path path(String name) {
        URL url = Fixtures.class.getResource("/report/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
