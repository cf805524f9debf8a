package io.zerobuffer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.serve.steps.StepRegistry;
import io.zerobuffer.serve.steps.Steps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepPatternsTest {
    private static List<String> stepTexts() throws IOException {
        try (InputStream in = StepPatternsTest.class.getResourceAsStream("/harmony-step-texts.txt")) {
            List<String> texts = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    texts.add(line);
                }
            }
            return texts;
        }
    }

    @Test
    void everyStepTextOfTheFeaturesMatchesExactlyOneDefinition() throws IOException {
        StepRegistry registry = new StepRegistry(Steps.CLASSES);
        List<String> texts = stepTexts();
        assertTrue(texts.size() > 450, "the list holds " + texts.size() + " texts");
        List<String> problems = new ArrayList<>();
        for (String text : texts) {
            List<StepRegistry.Definition> found = registry.matching(text);
            if (found.size() != 1) {
                problems.add(found.size() + " x '" + text + "' " + found);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDefinitionIsUsedBySomeStepText() throws IOException {
        StepRegistry registry = new StepRegistry(Steps.CLASSES);
        Set<String> used = new HashSet<>();
        for (String text : stepTexts()) {
            registry.matching(text).forEach(d -> used.add(d.pattern()));
        }
        List<String> unused = new ArrayList<>();
        for (StepRegistry.Definition d : registry.definitions()) {
            if (!used.contains(d.pattern())) {
                unused.add(d.toString());
            }
        }
        assertEquals(List.of(), unused);
    }

    @Test
    void typedPlaceholdersRefuseTextOfTheWrongKind() {
        StepRegistry registry = new StepRegistry(Steps.CLASSES);
        assertEquals(1, registry.matching("the 'writer' process writes frame with size '1024'").size());
        assertEquals(0, registry.matching("the 'writer' process writes frame with size 'large'").size());
        assertEquals(0, registry.matching("the 'writer' process writes frame with size '1024' twice").size());
    }
}
