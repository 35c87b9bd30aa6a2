package dev.thirty.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.kernels.ComputePool;
import org.junit.jupiter.api.Test;

class SpiralsDemoTest {

    /**
     * The default configuration separates the spirals: at least 95% on 400 fresh points. A linear
     * classifier gets about 50-65% on this problem, so the threshold needs the hidden layers and
     * a working backward pass through every op.
     */
    @Test
    void defaultRunLearnsTheSpirals() {
        SpiralsDemo.Result r = SpiralsDemo.run(SpiralsDemo.Config.defaults(), p -> { });
        assertTrue(r.testAccuracy() >= 0.95, "test accuracy " + r.testAccuracy());
        assertTrue(r.trainAccuracy() >= 0.95, "train accuracy " + r.trainAccuracy());
    }

    @Test
    void sameSeedAndThreadsGiveIdenticalRuns() {
        SpiralsDemo.Config config = SpiralsDemo.Config.defaults().withSteps(40);
        try (ComputePool pool = ComputePool.ofThreads(2)) {
            SpiralsDemo.Result a = pool.call(() -> SpiralsDemo.run(config, p -> { }));
            SpiralsDemo.Result b = pool.call(() -> SpiralsDemo.run(config, p -> { }));
            assertEquals(Float.floatToIntBits(a.finalLoss()), Float.floatToIntBits(b.finalLoss()));
        }
    }

    @Test
    void aLearningRateThatDivergesStopsWithAClearMessage() {
        SpiralsDemo.Config wild = new SpiralsDemo.Config(64, 2, 50, 0.02f, 200, 1e6f, 0.9f, 1);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> SpiralsDemo.run(wild, p -> { }));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    }
}
