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

    @Test
    void theByteOrderMarkAndTheLineAndParagraphSeparatorsAreShownAsTagsToo() {
        assertEquals("<U+FEFF>a<U+2028>b<U+2029>c", Text.visible("\uFEFFa\u2028b\u2029c"));
    }

    @Test
    void nullIsAnAbsentValueEverywhere() {
        assertEquals(null, Text.visible(null));
        assertEquals("null", Text.markdown(null));
    }

    @Test
    void markdownEscapesPunctuationAndShowsInvisibleCharacters() {
        assertEquals("\\[x\\]\\(http\\:\\/\\/e\\.x\\)\\<U\\+202E\\>", Text.markdown("[x](http://e.x)\u202E"));
    }
}
