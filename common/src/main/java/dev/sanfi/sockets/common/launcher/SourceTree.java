package dev.sanfi.sockets.common.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One module's main sources as Maven lays them out ({@code src/main/java}, {@code src/main/resources}),
 * as they were when scanned: which Java files there are, how large, and when each was last changed.
 *
 * @param module the module's directory
 * @param files  its Java sources, sorted by path
 * @param newest the latest change to a Java file or to a directory under {@code src/main/java}
 *               (deleting or renaming a file changes its directory); empty when there is none
 */
record SourceTree(Path module, List<SourceFile> files, Optional<FileTime> newest) {

    /** One Java source: its path relative to {@code src/main/java}, its size and its last change. */
    record SourceFile(Path relative, long size, FileTime modified) {
    }

    SourceTree {
        files = List.copyOf(files);
    }

    /** The module's directory name, as the messages call it: {@code common}, {@code 04-echo-netty}. */
    String name() {
        return module.getFileName().toString();
    }

    Path javaDirectory() {
        return javaDirectory(module);
    }

    /**
     * {@code src/main/resources}, copied unchanged by the build in this repository (what needs the
     * build's values lives in {@code src/main/resources-filtered} and comes from the built classes).
     */
    Path resourceDirectory() {
        return module.resolve("src").resolve("main").resolve("resources");
    }

    /** Reads the Java files under the module's {@code src/main/java}; none when it has no such directory. */
    static SourceTree scan(Path module) throws IOException {
        Path java = javaDirectory(module);
        if (!Files.isDirectory(java)) {
            return new SourceTree(module, List.of(), Optional.empty());
        }
        List<SourceFile> files = new ArrayList<>();
        FileTime newest = null;
        try (Stream<Path> walk = Files.walk(java)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                boolean directory = Files.isDirectory(path);
                if (!directory && !path.toString().endsWith(".java")) {
                    continue;
                }
                FileTime modified = Files.getLastModifiedTime(path);
                if (!directory) {
                    files.add(new SourceFile(java.relativize(path), Files.size(path), modified));
                }
                if (newest == null || modified.compareTo(newest) > 0) {
                    newest = modified;
                }
            }
        }
        files.sort(Comparator.comparing(file -> file.relative().toString()));
        return new SourceTree(module, files, Optional.ofNullable(newest));
    }

    /** Every module of the repository at {@code root} with main sources: its direct subdirectories with a {@code src/main/java}. */
    static List<SourceTree> inRepository(Path root) throws IOException {
        List<SourceTree> trees = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : (Iterable<Path>) children.filter(dir -> Files.isDirectory(javaDirectory(dir))).sorted()::iterator) {
                trees.add(scan(child));
            }
        }
        return trees;
    }

    /**
     * The class file one of its sources compiles to ({@code dev/sanfi/sockets/common/Limits.class}),
     * by which its classes are found on a class path; empty when it has no source but
     * {@code package-info.java} (which javac compiles to nothing unless the package is annotated).
     */
    Optional<String> probe() {
        return files.stream()
                .map(file -> file.relative().toString().replace('\\', '/'))
                .filter(path -> !path.endsWith("package-info.java") && !path.endsWith("module-info.java"))
                .findFirst()
                .map(path -> path.substring(0, path.length() - ".java".length()) + ".class");
    }

    /** The absolute paths of its Java files, to hand to the compiler. */
    List<Path> paths() {
        Path java = javaDirectory();
        return files.stream().map(file -> java.resolve(file.relative())).toList();
    }

    private static Path javaDirectory(Path module) {
        return module.resolve("src").resolve("main").resolve("java");
    }
}
