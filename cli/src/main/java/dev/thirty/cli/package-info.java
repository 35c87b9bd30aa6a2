/**
 * The {@code thirty} command: {@code list}, {@code run}, {@code report}, {@code bench}, with
 * {@code --help} everywhere, {@code --version}, and {@code --json} on every command that computes
 * something (the result as one JSON object on standard output; human-readable output goes to
 * standard error then). User errors print one line and the usage, and exit with code 2; a bad run
 * folder given to {@code report} prints one line and exits with code 2.
 */
package dev.thirty.cli;
