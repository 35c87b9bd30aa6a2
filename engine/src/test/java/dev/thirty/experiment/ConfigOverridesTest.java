package dev.thirty.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {

    enum Shape { ROUND, SQUARE }

    record Inner(int width, Shape shape) {
        Inner {
            if (width < 1) {
                throw new IllegalArgumentException("inner: width must be positive, got " + width);
            }
        }
    }

    record Outer(Inner model, int steps, double lr) {
    }

    private static final Outer BASE = new Outer(new Inner(4, Shape.ROUND), 10, 0.1);

    @Test
    void dottedKeysReachIntoNestedRecordsBesideTopLevelOnes() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("model.shape", "square");
        set.put("steps", "20");
        set.put("model.width", "8");
        assertEquals(new Outer(new Inner(8, Shape.SQUARE), 20, 0.1), ConfigOverrides.apply(BASE, set));
        assertSame(BASE, ConfigOverrides.apply(BASE, Map.of()));
    }

    @Test
    void badDottedKeysAreNamedInFull() {
        assertEquals("--set model.depth=3: there is no setting 'model.depth'; settings: width, shape",
                assertThrows(IllegalArgumentException.class,
                        () -> ConfigOverrides.apply(BASE, Map.of("model.depth", "3"))).getMessage());
        assertEquals("--set steps.x=3: steps has no settings of its own",
                assertThrows(IllegalArgumentException.class,
                        () -> ConfigOverrides.apply(BASE, Map.of("steps.x", "3"))).getMessage());
        assertEquals("--set model.shape=oval: model.shape is one of round, square; 'oval' is not one",
                assertThrows(IllegalArgumentException.class,
                        () -> ConfigOverrides.apply(BASE, Map.of("model.shape", "oval"))).getMessage());
        assertEquals("--set: inner: width must be positive, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> ConfigOverrides.apply(BASE, Map.of("model.width", "0"))).getMessage());
    }
}
