package dev.sanfi.sockets.raw.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.net.Socket;
import java.nio.channels.Selector;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The connection core is pure: no socket, no channel, no clock, no thread. Checked on the compiled
 * classes of {@code dev.sanfi.sockets.raw.protocol}, and of every class of {@code dev.sanfi.sockets.raw}
 * and {@code dev.sanfi.sockets.raw.deflate} it uses, directly or not (the frame codec and compression). The same rules are run on impure fixtures, to show
 * that they would fail.
 */
class ProtocolPurityTest {

    private static final String CORE = "dev.sanfi.sockets.raw.protocol";
    private static final String RAW = "dev.sanfi.sockets.raw";
    private static final String DEFLATE = "dev.sanfi.sockets.raw.deflate";

    /** What the core may not touch: the network, channels (and so selectors), threads, clocks. */
    private static final List<ArchRule> RULES = List.of(
            noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..")
                    .because("the I/O shell owns the sockets; the core takes and returns bytes"),
            noClasses().should().dependOnClassesThat().areAssignableTo(Thread.class)
                    .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
                    .because("the core runs on whatever thread the shell calls it from, and starts none"),
            noClasses().should().callMethod(System.class, "nanoTime")
                    .orShould().callMethod(System.class, "currentTimeMillis")
                    .orShould().accessTargetWhere(clockRead())
                    .orShould().dependOnClassesThat().belongToAnyOf(java.time.Clock.class, java.time.InstantSource.class)
                    .because("time is the shell's: the core reports what it waits for, the shell runs the timers"));

    /** A call of {@code now()} on any {@code java.time} type: a clock read. */
    private static DescribedPredicate<JavaAccess<?>> clockRead() {
        return DescribedPredicate.describe("a java.time now() call", access ->
                access.getName().equals("now") && access.getTargetOwner().getPackageName().equals("java.time"));
    }

    @Test
    @DisplayName("dev.sanfi.sockets.raw.protocol and the codec it uses touch no socket, channel, thread or clock")
    void theCoreIsPure() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(CORE, RAW, DEFLATE);
        Set<String> checked = coreAndWhatItUses(core);
        assertThat(checked).as("the core itself and the codec classes it uses")
                .contains(CORE + ".Connection", RAW + ".FrameParser", RAW + ".MessageAssembler", RAW + ".Utf8Validator",
                        RAW + ".FrameWriter", RAW + ".Masking", RAW + ".ClosePayload",
                        DEFLATE + ".PerMessageDeflate", DEFLATE + ".MessageDeflater", DEFLATE + ".MessageInflater")
                .doesNotContain(RAW + ".WebSocketConnection", RAW + ".RawEchoServer");
        JavaClasses pure = core.that(DescribedPredicate.describe("the core or used by it",
                (JavaClass c) -> checked.contains(c.getName())));
        for (ArchRule rule : RULES) {
            rule.check(pure);
        }
    }

    @Test
    @DisplayName("the rules would fail: a socket, a selector, a clock read and a thread are each caught")
    void theRulesCatchImpurity() {
        for (Class<?> impure : List.of(UsesASocket.class, UsesASelector.class, ReadsTheClock.class,
                ReadsTheTime.class, StartsAThread.class, UsesAnExecutor.class)) {
            JavaClasses fixture = new ClassFileImporter().importClasses(impure);
            boolean caught = RULES.stream().anyMatch(rule -> rule.evaluate(fixture).hasViolation());
            assertThat(caught).as("%s breaks a rule", impure.getSimpleName()).isTrue();
        }
    }

    /** The core's classes, and the classes of 01-echo-raw they depend on, transitively. */
    private static Set<String> coreAndWhatItUses(JavaClasses classes) {
        Set<String> seen = new HashSet<>();
        Deque<JavaClass> next = new ArrayDeque<>();
        classes.stream().filter(c -> c.getPackageName().equals(CORE)).forEach(next::add);
        while (!next.isEmpty()) {
            JavaClass c = next.pop();
            if (!seen.add(c.getName())) {
                continue;
            }
            for (Dependency dependency : c.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                String pkg = target.getPackageName();
                if ((pkg.equals(CORE) || pkg.equals(RAW) || pkg.equals(DEFLATE)) && classes.contain(target.getName())) {
                    next.add(classes.get(target.getName()));
                }
            }
        }
        return seen;
    }

    // Fixtures: what the core must never do. They live in the test sources, outside the checked classes.

    static final class UsesASocket {
        Socket socket() {
            return new Socket();
        }
    }

    static final class UsesASelector {
        Selector selector() throws java.io.IOException {
            return Selector.open();
        }
    }

    static final class ReadsTheClock {
        long now() {
            return System.nanoTime();
        }
    }

    static final class ReadsTheTime {
        Instant now() {
            return Instant.now();
        }
    }

    static final class StartsAThread {
        void start() {
            new Thread(() -> { }).start();
        }
    }

    static final class UsesAnExecutor {
        Object pool() {
            return Executors.newSingleThreadExecutor();
        }
    }
}
