package io.github.poolbench.report.render;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.function.DoubleFunction;

/** A {@link NumberFormat} that writes with a function, for axis ticks. */
final class FunctionFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private final transient DoubleFunction<String> format;

    FunctionFormat(DoubleFunction<String> format) {
        this.format = format;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(format.apply(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(format.apply(number));
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return null;
    }
}
