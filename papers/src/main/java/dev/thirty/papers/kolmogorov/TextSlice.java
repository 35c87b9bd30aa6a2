package dev.thirty.papers.kolmogorov;

import dev.thirty.data.DataFiles;
import dev.thirty.data.DatasetSpec;
import dev.thirty.data.Datasets;
import dev.thirty.experiment.RunContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Slices of real text for the NCD matrix: two from each of four sources (tiny Shakespeare, Penn
 * Treebank, Multi30k English, Multi30k German), taken from different places or files so that a
 * pair from one source shares style and vocabulary but no text.
 *
 * @param name   e.g. {@code shakespeare/a}
 * @param source the part before the slash; pairs with the same source count as "same"
 * @param bytes  the raw (UTF-8) bytes
 */
public record TextSlice(String name, String source, byte[] bytes) {

    public TextSlice {
        if (name == null || source == null || bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("a text slice needs a name, a source and bytes");
        }
    }

    private record Where(String source, String tag, DatasetSpec spec, String file, double at) {
    }

    private static final List<Where> PLACES = List.of(
            new Where("shakespeare", "a", Datasets.TINY_SHAKESPEARE, "input.txt", 0.1),
            new Where("shakespeare", "b", Datasets.TINY_SHAKESPEARE, "input.txt", 0.7),
            new Where("ptb", "train", Datasets.PTB, "ptb.train.txt", 0.3),
            new Where("ptb", "valid", Datasets.PTB, "ptb.valid.txt", 0.3),
            new Where("en", "train", Datasets.MULTI30K, "train.en", 0.3),
            new Where("en", "val", Datasets.MULTI30K, "val.en", 0.3),
            new Where("de", "train", Datasets.MULTI30K, "train.de", 0.6),
            new Where("de", "val", Datasets.MULTI30K, "val.de", 0.6));

    /** All eight slices of {@code sliceBytes} bytes each, in source order. */
    public static List<TextSlice> load(RunContext ctx, int sliceBytes) throws IOException {
        List<TextSlice> out = new ArrayList<>();
        for (Where w : PLACES) {
            byte[] all = DataFiles.readAll(ctx.dataset(w.spec()).file(w.file()));
            if (all.length < sliceBytes) {
                throw new IOException(w.file() + " holds " + all.length + " bytes, fewer than a slice of " + sliceBytes);
            }
            int from = (int) Math.min((long) (w.at() * all.length), all.length - (long) sliceBytes);
            out.add(new TextSlice(w.source() + "/" + w.tag(), w.source(), Arrays.copyOfRange(all, from, from + sliceBytes)));
        }
        return out;
    }
}
