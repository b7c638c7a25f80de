package dev.sanfi.sockets.common.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * Compiles the Java files of some source trees together, with the JDK's own compiler in this JVM
 * ({@code javax.tools}, what the Maven compiler plugin uses too), as the build would: the same
 * {@code --release}, UTF-8 sources, no annotation processing (no module here has a processor).
 */
final class TreeCompiler {

    private final JavaCompiler javac;
    private final String release;

    TreeCompiler(JavaCompiler javac, String release) {
        this.javac = javac;
        this.release = release;
    }

    /**
     * Compiles every source of {@code trees} into {@code output} against {@code classPath} (which
     * must not hold the trees' own older classes, or a class deleted from the sources would still
     * compile). Returns javac's errors, each as javac prints it; empty when it compiled.
     */
    List<String> compile(List<SourceTree> trees, List<Path> classPath, Path output) throws IOException {
        List<Path> sources = new ArrayList<>();
        trees.forEach(tree -> sources.addAll(tree.paths()));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
            // Only the files named here: no source path, so that nothing else is compiled on the side.
            files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            List<String> options = List.of("--release", release, "-encoding", "UTF-8", "-proc:none", "-g", "-nowarn");
            boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                    .map(Object::toString)
                    .toList();
            if (!compiled && errors.isEmpty()) {
                return List.of("javac failed without saying why");
            }
            return errors;
        }
    }
}
