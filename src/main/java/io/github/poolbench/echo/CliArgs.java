package io.github.poolbench.echo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few {@code --name value} options of the echo server and client. Every mistake becomes a
 * {@link UsageException} whose message is the one line the user sees.
 */
final class CliArgs {
    private final Map<String, String> values = new LinkedHashMap<>();
    private boolean help;

    /** The user got an option wrong; the message says which and what was expected. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private CliArgs() {
    }

    /** Parses {@code --name value}, {@code --name=value} and {@code -h}/{@code --help}; names must be in {@code known}. */
    static CliArgs parse(String[] args, List<String> known) throws UsageException {
        CliArgs parsed = new CliArgs();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("-h".equals(arg) || "--help".equals(arg)) {
                parsed.help = true;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option '" + arg + "'; expected " + String.join(", ", known) + " or --help");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            if (parsed.values.put(name, value) != null) {
                throw new UsageException(name + " is given twice");
            }
        }
        return parsed;
    }

    boolean help() {
        return help;
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int integer(String name, int fallback, int min, int max) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the one message below
        }
        throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", was '" + v + "'");
    }

    /** A literal address or a host name; a name is resolved, which is why this may fail. */
    InetAddress address(String name, String fallback) throws UsageException {
        String v = values.getOrDefault(name, fallback);
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw new UsageException(name + ": unknown host '" + v + "'");
        }
    }
}
