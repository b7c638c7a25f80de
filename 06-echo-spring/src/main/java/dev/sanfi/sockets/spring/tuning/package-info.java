/**
 * What makes the Spring echo fair on one core without changing what it does: {@code FairReads},
 * a yield to the other threads of Tomcat's pool after each message of a connection that streams them
 * (chapter 7b, "Fast on one core").
 */
package dev.sanfi.sockets.spring.tuning;
