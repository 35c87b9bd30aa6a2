package dev.thirty.kernels;

import static dev.thirty.kernels.Conformance.VECTOR_ELEMENTWISE;
import static dev.thirty.kernels.Conformance.VECTOR_ROWS;
import static dev.thirty.kernels.Conformance.withSpecials;
import static dev.thirty.testkit.FloatAssert.assertIdentical;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import dev.thirty.testkit.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector kernels that evaluate exp, log, tanh or pow give the same bits however the JVM runs
 * them: in a fresh JVM that only interprets ({@code -Xint}, where the Vector API runs its per-lane
 * Java fallback, as it also does under C1) and here after thousands of calls (C2-compiled). This
 * is what lets a run resumed from a checkpoint in a new JVM end bit-identical to an uninterrupted
 * one.
 *
 * <p>The Vector API's own EXP/LOG/TANH/POW lanes fail this: interpreted they are {@link Math}'s,
 * compiled they are the vector math library's, an ulp or two apart. (A cold-versus-warm check
 * inside this JVM would prove little: other tests may already have compiled the kernels.)
 */
class JitIndependenceTest {

    private static final int N = 100;
    private static final int ROWS = 2;
    private static final int WARM_UP_CALLS = 20_000;

    @Test
    void transcendentalKernelsGiveTheSameBitsInterpretedAndCompiled(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path file = dir.resolve("interpreted.bin");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xint", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), JitIndependenceTest.class.getName(),
                file.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        Inputs in = new Inputs();
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            outputs(in);
        }
        boolean done = child.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            child.destroyForcibly();
        }
        assertEquals(0, done ? child.exitValue() : -1, () -> "interpreting JVM failed: " + log(dir));
        Map<String, float[]> interpreted = read(file);
        Map<String, float[]> compiled = outputs(in);
        assertEquals(interpreted.keySet(), compiled.keySet());
        assertAll(interpreted.keySet().stream().map(name ->
                () -> assertIdentical(name, interpreted.get(name), compiled.get(name))));
    }

    /** Entry point of the interpreting JVM: writes the kernels' outputs to the file named by args[0]. */
    public static void main(String[] args) throws IOException {
        try (var out = new DataOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            for (Map.Entry<String, float[]> e : outputs(new Inputs()).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float v : e.getValue()) {
                    out.writeInt(Float.floatToRawIntBits(v));
                }
            }
        }
    }

    /** Fixed inputs that reach every branch: exp overflowing and underflowing, special values. */
    private static final class Inputs {
        final RandomGenerator rng = Seeds.generator(97);
        final Map<UnaryOp, float[]> x = new EnumMap<>(UnaryOp.class);
        final float[] gy = Seeds.uniform(rng, N, -1f, 1f);
        final float[] gx = Seeds.uniform(rng, N, -1f, 1f);
        final float[] logits = Seeds.normal(rng, ROWS * N, 0f, 10f);
        final float[] gRows = Seeds.normal(rng, ROWS * N, 0f, 1f);
        final float[] base = withSpecials(Seeds.uniform(rng, N, 0f, 50f), 0, N);

        Inputs() {
            x.put(UnaryOp.EXP, withSpecials(Seeds.uniform(rng, N, -110f, 95f), 0, N));
            x.put(UnaryOp.LOG, withSpecials(Seeds.uniform(rng, N, 0f, 1e3f), 0, N));
            for (UnaryOp op : List.of(UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.GELU, UnaryOp.GELU_ERF)) {
                x.put(op, withSpecials(Seeds.uniform(rng, N, -12f, 12f), 0, N));
            }
        }
    }

    /** Every kernel with a transcendental step, by name. */
    private static Map<String, float[]> outputs(Inputs in) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<UnaryOp, float[]> e : in.x.entrySet()) {
            UnaryOp op = e.getKey();
            float[] y = new float[N];
            VECTOR_ELEMENTWISE.unary(op, e.getValue(), 0, y, 0, N);
            float[] gx = in.gx.clone();
            VECTOR_ELEMENTWISE.unaryBackward(op, e.getValue(), 0, y, 0, in.gy, 0, gx, 0, N);
            out.put(op.name(), y);
            out.put(op.name() + " backward", gx);
        }
        float[] probs = new float[ROWS * N];
        VECTOR_ROWS.softmax(in.logits, 0, probs, 0, ROWS, N);
        out.put("softmax", probs);
        float[] logProbs = new float[ROWS * N];
        VECTOR_ROWS.logSoftmax(in.logits, 0, logProbs, 0, ROWS, N);
        out.put("logSoftmax", logProbs);
        float[] gLogits = in.gRows.clone();
        VECTOR_ROWS.logSoftmaxBackward(logProbs, 0, in.gRows, 0, gLogits, 0, ROWS, N);
        out.put("logSoftmax backward", gLogits);
        for (float p : new float[] {1.7f, -0.5f, 3f}) {
            float[] y = new float[N];
            VECTOR_ELEMENTWISE.pow(p, in.base, 0, y, 0, N);
            out.put("pow " + p, y);
        }
        return out;
    }

    private static Map<String, float[]> read(Path file) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (var in = new DataInputStream(Files.newInputStream(file))) {
            while (in.available() > 0) {
                String name = in.readUTF();
                float[] v = new float[in.readInt()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Float.intBitsToFloat(in.readInt());
                }
                out.put(name, v);
            }
        }
        return out;
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("log.txt"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
