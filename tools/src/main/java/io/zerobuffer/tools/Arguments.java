package io.zerobuffer.tools;

import io.zerobuffer.api.AccessMode;
import io.zerobuffer.api.BufferNames;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of values picocli cannot express: a failure is a {@link ParameterException}, which
 * {@link Main} turns into the usage on stderr and the command's bad-arguments exit code.
 */
final class Arguments {
    private Arguments() {
    }

    /** A {@code --pattern} value: sequential, random, zero or ones. */
    static final class PatternConverter implements CommandLine.ITypeConverter<DataPattern> {
        @Override
        public DataPattern convert(String value) {
            try {
                return DataPattern.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** An {@code --access} value: shared, group or owner. */
    static final class AccessConverter implements CommandLine.ITypeConverter<AccessMode> {
        @Override
        public AccessMode convert(String value) {
            try {
                return AccessMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A {@code --verify} value: none (converted to {@code null}) or a pattern. */
    static final class VerifyConverter implements CommandLine.ITypeConverter<DataPattern> {
        @Override
        public DataPattern convert(String value) {
            if ("none".equals(value)) {
                return null;
            }
            try {
                return DataPattern.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("unknown pattern '" + value
                        + "' (expected one of none|" + DataPattern.choices() + ")");
            }
        }
    }

    static long nonNegative(CommandSpec spec, String option, long value) {
        if (value < 0) {
            throw new ParameterException(spec.commandLine(), option + " must not be negative, got " + value);
        }
        return value;
    }

    static long atLeastOne(CommandSpec spec, String option, long value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
        return value;
    }

    static String bufferName(CommandSpec spec, String name) {
        try {
            return BufferNames.validate(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static RandomDraw randomDraw(CommandSpec spec) {
        try {
            return RandomDraw.configured();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
