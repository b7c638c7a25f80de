package dev.sanfi.sockets.common.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.launcher.CompiledSources.CompileFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher on a small repository of its own, laid out as this one is: a library module
 * ({@code lib}, as {@code common}) installed as a jar outside the repository, a module that runs
 * ({@code app}) built into its {@code target/classes}, and a module the app does not use. Edit a
 * source, and the next run prints the new text.
 */
class SourceLauncherTest {

    /** When the sources were written, and when the build after them ran: the times are set, not waited for. */
    private static final Instant WRITTEN = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant BUILT = WRITTEN.plusSeconds(60);
    private static final Instant EDITED = BUILT.plusSeconds(60);

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    @TempDir
    Path temp;

    private Path root;
    private Path app;
    private Path lib;
    private Path libJar;
    private Path printed;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void buildTheRepository() throws IOException {
        root = temp.resolve("repository");
        lib = root.resolve("lib");
        app = root.resolve("app");
        write(lib, "src/main/java/demo/lib/Greeting.java", """
                package demo.lib;
                public final class Greeting {
                    public static String text() { return "hello"; }
                }
                """);
        write(lib, "src/main/java/demo/lib/Farewell.java", "package demo.lib;\npublic final class Farewell {}\n");
        write(lib, "src/main/java/demo/lib/package-info.java", "/** Javadoc only: javac writes no class for it. */\npackage demo.lib;\n");
        write(lib, "src/main/resources/demo/lib/page.txt", "page one");
        write(app, "src/main/java/demo/app/Main.java", """
                package demo.app;
                import java.nio.file.*;
                public final class Main {
                    public static void main(String[] args) throws Exception {
                        byte[] page = Main.class.getClassLoader().getResourceAsStream("demo/lib/page.txt").readAllBytes();
                        Files.writeString(Path.of(args[0]), demo.lib.Greeting.text() + ", " + new String(page));
                    }
                }
                """);
        write(root.resolve("unused"), "src/main/java/demo/unused/Unused.java", "package demo.unused;\npublic final class Unused {}\n");

        // mvn install: lib's jar in a local repository outside the repository, app's classes in its target/.
        Path libClasses = temp.resolve("lib-build");
        compile(sources(lib), List.of(), libClasses);
        Files.writeString(libClasses.resolve("demo/lib/page.txt"), "page one");
        libJar = jar(libClasses, temp.resolve("m2").resolve("lib-1.0.jar"));
        compile(sources(app), List.of(libJar), app.resolve("target/classes"));
        setTimes(root, WRITTEN);
        setTimes(app.resolve("target/classes"), BUILT);
        Files.setLastModifiedTime(libJar, FileTime.from(BUILT));
        printed = temp.resolve("printed.txt");
    }

    @Test
    void sourcesOlderThanTheirClassesRunAsBuiltAndCompileNothing() throws Throwable {
        assertThat(launch()).isEqualTo("hello, page one");
        assertThat(app.resolve("target/launcher")).doesNotExist();
        assertThat(log()).isEmpty();
    }

    @Test
    void anEditInTheModuleRunsTheEdit() throws Throwable {
        edit(app, "src/main/java/demo/app/Main.java", "demo.lib.Greeting.text() + \", \"", "\"edited, \"");

        assertThat(launch()).isEqualTo("edited, page one");
        assertThat(log()).contains("app: the sources changed since the last build", "(app, compiled in");
    }

    @Test
    void anEditInALibraryTheModuleUsesRunsTheEdit() throws Throwable {
        edit(lib, "src/main/java/demo/lib/Greeting.java", "\"hello\"", "\"hi\"");

        assertThat(launch()).isEqualTo("hi, page one");
        assertThat(log()).contains("lib and app").doesNotContain("unused");
    }

    @Test
    void anEditedResourceIsUsedWithoutCompiling() throws Throwable {
        edit(lib, "src/main/resources/demo/lib/page.txt", "one", "two");

        assertThat(launch()).isEqualTo("hello, page two");
        assertThat(app.resolve("target/launcher")).doesNotExist();
    }

    @Test
    void eachEditRunsAndTheSameEditIsCompiledOnce() throws Throwable {
        edit(lib, "src/main/java/demo/lib/Greeting.java", "\"hello\"", "\"first\"");
        assertThat(launch()).isEqualTo("first, page one");
        assertThat(launch()).isEqualTo("first, page one");
        assertThat(log()).containsOnlyOnce("compiled in").contains("compiled before");

        edit(lib, "src/main/java/demo/lib/Greeting.java", "\"first\"", "\"second\"");
        assertThat(launch()).isEqualTo("second, page one");
    }

    @Test
    void sourcesThatDoNotCompileRunNothingAndSayWhere() throws Throwable {
        edit(lib, "src/main/java/demo/lib/Greeting.java", "\"hello\";", "\"hello\"");

        assertThatThrownBy(this::launch)
                .isInstanceOfSatisfying(CompileFailure.class, failure -> {
                    assertThat(failure.getMessage()).isEqualTo("1 error");
                    assertThat(failure.errors()).singleElement().asString().contains("Greeting.java:3", "';' expected");
                });
        assertThat(printed).doesNotExist();
    }

    @Test
    void aClassDeletedFromTheSourcesIsNotTakenFromTheOldJar() throws Throwable {
        Path greeting = lib.resolve("src/main/java/demo/lib/Greeting.java");
        Files.delete(greeting);
        Files.setLastModifiedTime(greeting.getParent(), FileTime.from(EDITED)); // what the deletion did to it

        assertThatThrownBy(this::launch)
                .isInstanceOfSatisfying(CompileFailure.class,
                        failure -> assertThat(String.join("\n", failure.errors())).contains("Main.java", "Greeting"));
    }

    @Test
    void aModuleNeverCompiledIsCompiled() throws Throwable {
        deleteTree(app.resolve("target/classes"));

        assertThat(launch()).isEqualTo("hello, page one");
        assertThat(log()).contains("compiled in");
    }

    private String launch() throws Throwable {
        Files.deleteIfExists(printed);
        List<Path> classPath = List.of(app.resolve("target/classes"), libJar);
        SourceLauncher.Settings settings = new SourceLauncher.Settings("demo.app.Main", app, root, "17",
                app.resolve("target/launcher"), classPath);
        try (URLClassLoader loader = SourceLauncher.prepare(settings, JAVAC, new PrintStream(log, true, StandardCharsets.UTF_8))) {
            SourceLauncher.run(loader, settings.mainClass(), new String[] {printed.toString()});
        }
        return Files.readString(printed);
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static void write(Path module, String relative, String text) throws IOException {
        Path file = module.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Changes a file as an editor would: new text, and a time later than the last build. */
    private static void edit(Path module, String relative, String from, String to) throws IOException {
        Path file = module.resolve(relative);
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
        Files.setLastModifiedTime(file, FileTime.from(EDITED));
    }

    private static List<Path> sources(Path module) throws IOException {
        try (Stream<Path> walk = Files.walk(module.resolve("src/main/java"))) {
            return walk.filter(path -> path.toString().endsWith(".java")).toList();
        }
    }

    private static void compile(List<Path> sources, List<Path> classPath, Path output) throws IOException {
        Files.createDirectories(output);
        List<String> arguments = new ArrayList<>(List.of("-d", output.toString(), "--release", "17"));
        if (!classPath.isEmpty()) {
            arguments.addAll(List.of("-classpath", classPath.get(0).toString()));
        }
        sources.forEach(source -> arguments.add(source.toString()));
        assertThat(JAVAC.run(null, null, null, arguments.toArray(String[]::new))).isZero();
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void setTimes(Path tree, Instant time) throws IOException {
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Files.setLastModifiedTime(path, FileTime.from(time));
            }
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path path : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
