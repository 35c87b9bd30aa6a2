package dev.thirty.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

final class Reports {
    private Reports() {
    }

    static void render(Path dir, PrintWriter human) {
    }
}
