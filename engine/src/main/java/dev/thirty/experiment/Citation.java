package dev.thirty.experiment;

/** The work an experiment reproduces, as a reader would cite it, and where to read it. */
public record Citation(String text, String url) {

    public Citation {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("citation text is required");
        }
        url = url == null ? "" : url;
    }
}
