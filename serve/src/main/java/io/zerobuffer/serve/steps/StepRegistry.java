package io.zerobuffer.serve.steps;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step definitions found on the {@link Given}, {@link When} and {@link Then} methods of the
 * step classes, matched against a step's full text.
 *
 * <p>A pattern is the step text with typed placeholders: {@code {int}} and {@code {long}}
 * (a decimal integer), {@code {number}} (a decimal with an optional fraction), {@code {word}}
 * (letters, digits, underscore) and {@code {string}} (anything but a single quote). Everything
 * else matches literally and the whole text must match. Placeholders bind in order to the
 * method's parameters, whose types must agree ({@code int}, {@code long}, {@code double},
 * {@code String}). The step keyword is not part of the match: the orchestrator gives
 * {@code And} steps the type of whatever step came before.
 */
public final class StepRegistry {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(int|long|number|word|string)\\}");

    private final List<Definition> definitions = new ArrayList<>();

    /**
     * @param classes the step classes; each has a public constructor taking the instance
     *                provider's argument
     */
    public StepRegistry(List<Class<?>> classes) {
        for (Class<?> type : classes) {
            for (Method method : type.getMethods()) {
                addAll(type, method, "Given", method.getAnnotation(Given.class) == null ? null
                        : method.getAnnotation(Given.class).value());
                addAll(type, method, "When", method.getAnnotation(When.class) == null ? null
                        : method.getAnnotation(When.class).value());
                addAll(type, method, "Then", method.getAnnotation(Then.class) == null ? null
                        : method.getAnnotation(Then.class).value());
            }
        }
    }

    private void addAll(Class<?> type, Method method, String keyword, String pattern) {
        if (pattern != null) {
            definitions.add(Definition.compile(type, method, keyword, pattern));
        }
    }

    /** @return every definition, in discovery order */
    public List<Definition> definitions() {
        return List.copyOf(definitions);
    }

    /**
     * @param text a step's full text without its keyword
     * @return every definition whose pattern matches the whole text
     */
    public List<Definition> matching(String text) {
        List<Definition> found = new ArrayList<>();
        for (Definition d : definitions) {
            if (d.regex.matcher(text).matches()) {
                found.add(d);
            }
        }
        return found;
    }

    /**
     * Runs the one definition that matches.
     *
     * @param text      the step text
     * @param instances the step class instances of the current scenario
     * @throws UnknownStepException if no definition or more than one matches
     * @throws Throwable            what the step threw
     */
    public void execute(String text, Function<Class<?>, Object> instances) throws Throwable {
        List<Definition> found = matching(text);
        if (found.isEmpty()) {
            throw new UnknownStepException("no step definition matches '" + text + "'");
        }
        if (found.size() > 1) {
            throw new UnknownStepException("step '" + text + "' matches " + found.size() + " definitions: " + found);
        }
        found.get(0).invoke(text, instances.apply(found.get(0).type));
    }

    /** A step text that no definition (or more than one) matches. */
    public static final class UnknownStepException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownStepException(String message) {
            super(message);
        }
    }

    /** One pattern bound to one method. */
    public static final class Definition {
        private final Class<?> type;
        private final Method method;
        private final String keyword;
        private final String pattern;
        private final Pattern regex;
        private final List<String> kinds;

        private Definition(Class<?> type, Method method, String keyword, String pattern, Pattern regex, List<String> kinds) {
            this.type = type;
            this.method = method;
            this.keyword = keyword;
            this.pattern = pattern;
            this.regex = regex;
            this.kinds = kinds;
        }

        static Definition compile(Class<?> type, Method method, String keyword, String pattern) {
            if (!Modifier.isPublic(method.getModifiers()) || method.getReturnType() != void.class) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + method.getName()
                        + ": a step method must be public and return void");
            }
            StringBuilder regex = new StringBuilder();
            List<String> kinds = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(pattern);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(pattern.substring(last, m.start())));
                String kind = m.group(1);
                kinds.add(kind);
                regex.append(switch (kind) {
                    case "int", "long" -> "(-?\\d+)";
                    case "number" -> "(-?\\d+(?:\\.\\d+)?)";
                    case "word" -> "(\\w+)";
                    default -> "([^']*)";
                });
                last = m.end();
            }
            regex.append(Pattern.quote(pattern.substring(last)));
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length != kinds.size()) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + method.getName() + ": pattern '"
                        + pattern + "' has " + kinds.size() + " placeholders, the method " + parameters.length + " parameters");
            }
            for (int i = 0; i < parameters.length; i++) {
                Class<?> expected = switch (kinds.get(i)) {
                    case "int" -> int.class;
                    case "long" -> long.class;
                    case "number" -> double.class;
                    default -> String.class;
                };
                if (parameters[i] != expected) {
                    throw new IllegalArgumentException(type.getSimpleName() + "." + method.getName() + ": placeholder "
                            + (i + 1) + " {" + kinds.get(i) + "} needs a " + expected + " parameter, not " + parameters[i]);
                }
            }
            return new Definition(type, method, keyword, pattern, Pattern.compile(regex.toString()), List.copyOf(kinds));
        }

        void invoke(String text, Object instance) throws Throwable {
            Matcher m = regex.matcher(text);
            if (!m.matches()) {
                throw new IllegalStateException("pattern '" + pattern + "' does not match '" + text + "'");
            }
            Object[] args = new Object[kinds.size()];
            for (int i = 0; i < args.length; i++) {
                String value = m.group(i + 1);
                try {
                    args[i] = switch (kinds.get(i)) {
                        case "int" -> Integer.parseInt(value);
                        case "long" -> Long.parseLong(value);
                        case "number" -> Double.parseDouble(value);
                        default -> value;
                    };
                } catch (NumberFormatException e) {
                    throw new StepFailure("parameter " + (i + 1) + " of '" + text + "': expected a " + kinds.get(i)
                            + ", saw '" + value + "'");
                }
            }
            try {
                method.invoke(instance, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** @return the class declaring the step */
        public Class<?> type() {
            return type;
        }

        /** @return Given, When or Then */
        public String keyword() {
            return keyword;
        }

        /** @return the pattern as written on the method */
        public String pattern() {
            return pattern;
        }

        /** @return the discover entry: type and pattern */
        public Map<String, String> describe() {
            return Map.of("type", keyword, "pattern", pattern);
        }

        @Override
        public String toString() {
            return type.getSimpleName() + "." + method.getName() + " '" + pattern + "'";
        }
    }
}
