/**
 * Build tooling, not part of any stack: what lets {@code mvn -pl MODULE exec:java} run the code as
 * it is now rather than as {@code mvn install} last compiled it.
 *
 * <p>{@code exec:java} compiles nothing, and Maven cannot put a compile in front of a goal that is
 * called alone. So the parent POM has {@code exec:java} start {@link
 * dev.sanfi.sockets.common.launcher.SourceLauncher} instead of the module's {@code Main}: it looks for
 * sources newer than the classes on the class path (in the module and in every module of the
 * repository it uses, {@code common} among them), compiles them with the JDK's own compiler when
 * there are any, and then runs the module's {@code Main} on those classes, with the source resource
 * directories in front so that an edited page is served as well.
 */
package dev.sanfi.sockets.common.launcher;
