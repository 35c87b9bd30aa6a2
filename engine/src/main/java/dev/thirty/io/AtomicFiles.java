package dev.thirty.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic file replacement: a reader of the target sees either the complete old content or the
 * complete new content, never a mix, and a crash part-way through a write never destroys the old
 * file.
 *
 * <p>The protocol: create a fresh temporary file in the target's own directory (a rename is only
 * atomic within one file system), write the content, {@link FileChannel#force(boolean) force} it to
 * the device, rename it over the target with {@link StandardCopyOption#ATOMIC_MOVE}, then force the
 * directory so the rename itself survives a power cut. Directory fsync is not possible on every
 * platform (Windows refuses to open a directory); there it is skipped, and the rename is still
 * atomic. If the content writer throws, the temporary file is deleted and the target is untouched.
 *
 * <p>Temporary files are named {@code .<target name>.<random hex>.tmp}; a process killed mid-write
 * can leave one behind, which never shadows the target.
 */
public final class AtomicFiles {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final int NAME_ATTEMPTS = 16;

    private AtomicFiles() {
    }

    /** Writes the bytes a content writer produces; the stream it is given must not be kept. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Atomically replaces (or creates) {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Atomically replaces (or creates) {@code target} with {@code text} encoded as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Atomically replaces (or creates) {@code target} with whatever {@code content} writes. The
     * target's directory must exist.
     *
     * @throws IOException from the writer or the file system; the target is then unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(target + ": cannot write atomically: directory " + dir + " does not exist");
        }
        Path tmp = createTemp(dir, absolute.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
                content.writeTo(new KeepOpen(out));
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        forceDirectory(dir);
    }

    /** A new, empty file next to the target; fails rather than reuse an existing name. */
    private static Path createTemp(Path dir, String targetName) throws IOException {
        FileAlreadyExistsException last = null;
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            Path tmp = dir.resolve("." + targetName + "." + suffix + ".tmp");
            try {
                // CREATE_NEW with default permissions (umask), unlike createTempFile's owner-only 0600.
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                last = e;
            }
        }
        throw new IOException(dir.resolve(targetName) + ": could not create a temporary file beside it", last);
    }

    /** Makes a completed rename durable; skipped where directories cannot be opened for sync. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Not supported on this platform or file system: the rename is atomic but may not be durable yet.
        }
    }

    /** Lets a content writer close its stream without closing the channel before it is forced. */
    private static final class KeepOpen extends FilterOutputStream {

        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
