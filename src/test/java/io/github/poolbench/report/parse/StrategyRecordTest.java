package io.github.poolbench.report.parse;

import io.github.poolbench.report.Fixtures;
import io.github.poolbench.report.model.ResultFile;
import io.github.poolbench.report.model.StrategyFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyRecordTest {
    @TempDir
    Path dir;

    private ResultFile parseWithEnv(String envJson, List<String> warnings) throws Exception {
        Path json = Files.copy(Fixtures.path("increment-avgt.json"), dir.resolve("jmh.json"));
        Files.writeString(dir.resolve("env.json"), envJson);
        return JmhJsonParser.parse(json, warnings::add);
    }

    @Test
    void theFactsTheRunRecordedAreReadIntoTheModel() throws Exception {
        List<String> warnings = new ArrayList<>();
        ResultFile f = parseWithEnv("{\"cores\": 2, \"strategies\": {"
                + "\"CALLER_THREAD\": {\"runsIn\": \"caller\", \"perTask\": false, \"description\": \"inline\"},"
                + "\"FIXED_PROCESS_POOL\": {\"runsIn\": \"process\", \"perTask\": false, \"description\": \"a pooled JVM\"},"
                + "\"PROCESS_PER_TASK\": {\"runsIn\": \"process\", \"perTask\": true, \"pooledCounterpart\": \"FIXED_PROCESS_POOL\","
                + " \"description\": \"one new JVM per task\"}}}", warnings);
        assertEquals(List.of(), warnings);
        StrategyFacts facts = f.strategies();
        assertEquals(List.of("CALLER_THREAD", "FIXED_PROCESS_POOL", "PROCESS_PER_TASK"), List.copyOf(facts.byName().keySet()));
        StrategyFacts.Fact perTask = facts.of("PROCESS_PER_TASK").orElseThrow();
        assertEquals(StrategyFacts.RunsIn.PROCESS, perTask.runsIn());
        assertTrue(perTask.perTask());
        assertEquals("FIXED_PROCESS_POOL", perTask.pooledCounterpart());
        assertFalse(facts.of("FIXED_PROCESS_POOL").orElseThrow().perTask());
        assertFalse(f.env().containsKey("strategies"), "facts are data of the model, not a line of the environment table");
        assertEquals(2, f.env().get("cores"));
        assertEquals(facts, f.withLabel("x").withResults(f.results().subList(0, 1)).strategies(), "kept through relabelling");
    }

    @Test
    void aFileWithoutFactsHasNone() throws Exception {
        ResultFile f = JmhJsonParser.parse(Fixtures.path("stranger-sweep.json"), w -> { });
        assertTrue(f.strategies().isEmpty());
    }

    @Test
    void anEntryThatDoesNotSayWhatItIsIsLeftOutWithAWarning() throws Exception {
        List<String> warnings = new ArrayList<>();
        ResultFile f = parseWithEnv("{\"strategies\": {\"A\": {\"runsIn\": \"moon\", \"description\": \"?\"},"
                + " \"B\": {\"runsIn\": \"thread\", \"perTask\": true, \"description\": \"no counterpart named\"},"
                + " \"C\": {\"runsIn\": \"thread\", \"perTask\": false, \"description\": \"fine\"}}}", warnings);
        assertEquals(List.of("C"), List.copyOf(f.strategies().byName().keySet()));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).endsWith("env.json: strategies.A does not say runsIn (caller, thread or process) and a"
                + " description; its rows are shown as plain benchmarks"), warnings.get(0));
    }
}
