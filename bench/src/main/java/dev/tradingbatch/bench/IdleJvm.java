package dev.tradingbatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process baseline: a main that does nothing, started with the same options as the application (and
 * through the same launcher when there is one). {@code exit}: returns at once (the JVM's own start-up and exit);
 * otherwise prints {@code ready} and idles until its standard input closes (the JVM's own memory). The
 * application jar does not carry it: {@link #jar} adds it to a copy.
 */
public final class IdleJvm {

    private IdleJvm() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("exit")) {
            return;
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // idle until the parent closes our input
        }
    }

    /**
     * {@code copy}: the jar {@code base} with this class added, or a jar of this class alone without a base, for a
     * child JVM's classpath. With the application's extracted jar as base the baseline reads the jar it read when the
     * application carried this class (a jar of its own lacks that jar's manifest: about 1 MiB less resident memory).
     */
    static Path jar(Optional<Path> base, Path copy) throws IOException {
        if (base.isPresent()) {
            Files.copy(base.get(), copy);
        }
        String entry = IdleJvm.class.getName().replace('.', '/') + ".class";
        try (FileSystem jar = FileSystems.newFileSystem(copy, Map.of("create", "true"));
             InputStream in = IdleJvm.class.getResourceAsStream("/" + entry)) {
            Path target = jar.getPath(entry);
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
        }
        return copy;
    }
}
