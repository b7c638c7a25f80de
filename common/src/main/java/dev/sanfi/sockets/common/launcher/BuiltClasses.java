package dev.sanfi.sockets.common.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Where on a class path a module's compiled classes are, and when they were built. */
final class BuiltClasses {

    private BuiltClasses() {
    }

    /**
     * For each class file ({@code dev/x/Y.class}), the first class path entry that holds it: a
     * directory with that file, or a jar with that entry. A class file no entry holds is left out.
     */
    static Map<String, Path> locate(Iterable<Path> classPath, Collection<String> classFiles) throws IOException {
        Map<String, Path> found = new HashMap<>();
        for (Path entry : classPath) {
            if (found.size() == classFiles.size()) {
                break;
            }
            if (Files.isDirectory(entry)) {
                for (String classFile : classFiles) {
                    if (!found.containsKey(classFile) && Files.isRegularFile(entry.resolve(classFile))) {
                        found.put(classFile, entry);
                    }
                }
            } else if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    for (String classFile : classFiles) {
                        if (!found.containsKey(classFile) && jar.getEntry(classFile) != null) {
                            found.put(classFile, entry);
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * When the classes of an entry were built: a jar's last change (its entries all carry the
     * reproducible build's fixed time, not the time they were compiled), or the newest class file's
     * in a directory; empty for a directory without class files.
     */
    static Optional<FileTime> builtAt(Path entry) throws IOException {
        if (!Files.isDirectory(entry)) {
            return Optional.of(Files.getLastModifiedTime(entry));
        }
        try (Stream<Path> walk = Files.walk(entry)) {
            FileTime newest = null;
            for (Path file : (Iterable<Path>) walk.filter(path -> path.toString().endsWith(".class"))::iterator) {
                FileTime modified = Files.getLastModifiedTime(file);
                if (newest == null || modified.compareTo(newest) > 0) {
                    newest = modified;
                }
            }
            return Optional.ofNullable(newest);
        }
    }
}
