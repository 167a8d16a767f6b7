package io.github.poolbench.report.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TextTest {
    @Test
    void directionMarksAndControlCharactersBecomeVisibleTags() {
        assertEquals("map<U+202E>gnp.exe", Text.visible("map\u202Egnp.exe"));
        assertEquals("a<U+0007>b<U+0000>c<U+009B>d<U+2066>e<U+200F>", Text.visible("a\u0007b\u0000c\u009Bd\u2066e\u200F"));
    }

    @Test
    void cjkAndEmojiAreKeptAsWritten() {
        String s = "测试Benchmark 🙂";
        assertSame(s, Text.visible(s));
    }
}
