package io.zerobuffer.serve.steps;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a step definition usually written after {@code When}; see {@link StepRegistry} for the pattern syntax. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface When {
    /** @return the step pattern */
    String value();
}
