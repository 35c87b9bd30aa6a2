package dev.thirty.papers.transformer.translate;

import dev.thirty.data.CorruptDataException;
import dev.thirty.data.DataFiles;
import dev.thirty.data.DatasetFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Multi30k task 1 (Elliott, Frank, Sima'an and Specia 2016): Flickr30k image captions with
 * professional German translations, one untokenized cased sentence per line; line i of
 * {@code <split>.de} translates line i of {@code <split>.en}. Splits: {@code train} (29,000 pairs),
 * {@code val} (1,014) and {@code test_2016_flickr} (1,000).
 */
final class Multi30k {

    static final String TRAIN = "train";
    static final String VAL = "val";
    static final String TEST = "test_2016_flickr";

    /** One split: German sources and their English references, aligned by index. */
    record Split(String name, List<String> german, List<String> english) {

        Split {
            german = List.copyOf(german);
            english = List.copyOf(english);
            if (german.size() != english.size()) {
                throw new IllegalArgumentException("multi30k " + name + ": " + german.size() + " German and "
                        + english.size() + " English sentences");
            }
        }

        int size() {
            return german.size();
        }

        /** The first {@code n} pairs (all when {@code n} is 0 or at least the size). */
        Split first(int n) {
            return n <= 0 || n >= size() ? this : new Split(name, german.subList(0, n), english.subList(0, n));
        }
    }

    private Multi30k() {
    }

    /** Reads split {@code name}, checking that both sides have the same number of lines. */
    static Split load(DatasetFiles files, String name) throws IOException {
        Path de = files.file(name + ".de");
        Path en = files.file(name + ".en");
        List<String> german = lines(de);
        List<String> english = lines(en);
        if (german.size() != english.size()) {
            throw new CorruptDataException(en, "has " + english.size() + " lines but " + de.getFileName() + " has "
                    + german.size() + "; line i of each must translate the other");
        }
        return new Split(name, german, english);
    }

    private static List<String> lines(Path file) throws IOException {
        String text = DataFiles.readText(file);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return Arrays.asList(text.split("\n", -1));
    }
}
