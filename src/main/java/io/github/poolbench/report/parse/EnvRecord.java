package io.github.poolbench.report.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.poolbench.report.RunFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The environment record beside a result file ({@link RunFiles#envFileFor}) as plain Java values,
 * strings made visible (see {@link Text}). A record that cannot be read, is not JSON or not an
 * object is one warning naming it, and the file is read without it; a core count that is not a
 * number of cores is left out with a warning.
 */
final class EnvRecord {
    private EnvRecord() {
    }

    static Map<String, Object> read(Path file, ObjectMapper mapper, Consumer<String> warnings) {
        Path envFile = RunFiles.envFileFor(file);
        if (!Files.exists(envFile)) {
            return new LinkedHashMap<>();
        }
        String without = "; " + file.getFileName() + " is read without an environment record";
        if (!Files.isRegularFile(envFile)) {
            warnings.accept(envFile + ": is " + (Files.isDirectory(envFile) ? "a folder" : "not a regular file")
                    + ", not an environment record" + without);
            return new LinkedHashMap<>();
        }
        JsonNode env;
        try (InputStream in = Files.newInputStream(envFile)) {
            env = mapper.readTree(in);
        } catch (StreamConstraintsException e) {
            warnings.accept(envFile + ": " + JsonLimits.explain(e) + without);
            return new LinkedHashMap<>();
        } catch (OutOfMemoryError e) {
            warnings.accept(envFile + ": " + JsonLimits.outOfMemory() + without);
            return new LinkedHashMap<>();
        } catch (StackOverflowError e) {
            warnings.accept(envFile + ": " + JsonLimits.tooDeep() + without);
            return new LinkedHashMap<>();
        } catch (JsonEOFException e) {
            warnings.accept(envFile + ": ends in the middle of the JSON" + JmhJsonParser.at(e.getLocation()) + without);
            return new LinkedHashMap<>();
        } catch (JsonProcessingException e) {
            warnings.accept(envFile + ": not valid JSON" + JmhJsonParser.at(e.getLocation()) + JmhJsonParser.plainJson(e) + without);
            return new LinkedHashMap<>();
        } catch (IOException e) {
            warnings.accept(envFile + ": cannot be read (" + io.github.poolbench.report.IoWords.of(e) + ")" + without);
            return new LinkedHashMap<>();
        }
        if (env == null || !env.isObject()) {
            warnings.accept(envFile + ": is " + (env == null ? "empty" : JmhJsonParser.describe(env)) + ", not a JSON object" + without);
            return new LinkedHashMap<>();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(Text.visible(e.getKey()), plain(e.getValue()));
        }
        Object cores = map.get(CORES);
        if (cores != null && !isCount(cores)) {
            // left in, the page would show both the raw value and the count it assumes instead
            map.remove(CORES);
            warnings.accept(envFile + ": cores is " + JmhJsonParser.describe(env.get(CORES)) + ", not a number of cores;"
                    + " it is left out and the report treats the core count as unknown");
        }
        return map;
    }

    /** The environment record's field with the machine's core count. */
    private static final String CORES = "cores";

    private static boolean isCount(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue() >= 1 && n.doubleValue() == Math.rint(n.doubleValue());
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim()) >= 1;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /** A JSON value as plain Java (strings made visible, see {@link Text}), for the environment map. */
    private static Object plain(JsonNode v) {
        if (v.isTextual()) {
            return Text.visible(v.asText());
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.asInt() : v.canConvertToLong() ? (Object) v.asLong() : v.asText();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(x -> list.add(plain(x)));
            return list;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> m.put(Text.visible(e.getKey()), plain(e.getValue())));
        return m;
    }
}
