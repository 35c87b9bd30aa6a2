package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContiguousBatchesTest {

    private static TokenStream range(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        return new TokenStream(t);
    }

    @Test
    void streamsAreContiguousRowsAndTargetsAreShiftedByOne() {
        // 23 tokens, B = 2: rows 0..10 and 11..21 (token 22 dropped); 10 pairs per row, T = 4
        ContiguousBatches batches = new ContiguousBatches(range(23), 2, 4, LastBatch.KEEP);
        assertEquals(11, batches.streamLength());
        assertEquals(3, batches.size());
        ContiguousBatches.Chunk c0 = batches.get(0);
        assertArrayEquals(new int[] {0, 1, 2, 3, 11, 12, 13, 14}, c0.inputs());
        assertArrayEquals(new int[] {1, 2, 3, 4, 12, 13, 14, 15}, c0.targets());
        ContiguousBatches.Chunk c1 = batches.get(1);
        assertArrayEquals(new int[] {4, 5, 6, 7, 15, 16, 17, 18}, c1.inputs());
        ContiguousBatches.Chunk last = batches.get(2);
        assertEquals(2, last.steps());
        assertArrayEquals(new int[] {8, 9, 19, 20}, last.inputs());
        assertArrayEquals(new int[] {9, 10, 20, 21}, last.targets());
    }

    @Test
    void eachRowContinuesWhereThePreviousChunkEnded() {
        ContiguousBatches batches = new ContiguousBatches(range(1000), 7, 9, LastBatch.DROP);
        for (int i = 1; i < batches.size(); i++) {
            ContiguousBatches.Chunk prev = batches.get(i - 1);
            ContiguousBatches.Chunk next = batches.get(i);
            for (int b = 0; b < 7; b++) {
                assertEquals(prev.targets()[b * 9 + 8], next.inputs()[b * 9], "chunk " + i + " row " + b);
            }
        }
    }

    @Test
    void dropLeavesOutTheShortLastChunk() {
        assertEquals(2, new ContiguousBatches(range(23), 2, 4, LastBatch.DROP).size());
        assertEquals(3, new ContiguousBatches(range(23), 2, 4, LastBatch.KEEP).size());
        assertEquals(2, new ContiguousBatches(range(18), 2, 4, LastBatch.KEEP).size(), "8 pairs: exactly 2 chunks");
        assertThrows(IllegalArgumentException.class, () -> new ContiguousBatches(range(3), 2, 4, LastBatch.KEEP));
    }

    @Test
    void realTinyShakespeareBatchesCoverTheTrainingSplit() throws IOException {
        DatasetFiles files = RealData.files(Datasets.TINY_SHAKESPEARE);
        String text = DataFiles.readText(files.file("input.txt"));
        CharVocab vocab = CharVocab.of(text);
        TokenStream train = vocab.encode(text).split(0.9).train();
        ContiguousBatches batches = new ContiguousBatches(train, 50, 50, LastBatch.DROP);
        int n = 1_003_854 / 50;
        assertEquals(n, batches.streamLength());
        assertEquals((n - 1) / 50, batches.size());
        ContiguousBatches.Chunk first = batches.get(0);
        assertEquals("First Citizen:", vocab.decode(Arrays.copyOf(first.inputs(), 14)));
    }
}
