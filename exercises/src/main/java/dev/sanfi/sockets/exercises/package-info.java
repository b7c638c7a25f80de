/**
 * The solutions of the chapters' exercises, one package per chapter ({@code ch1} for chapter 1, ...).
 * Each class is one exercise's solution; its test in {@code src/test} is what a learner turns green.
 */
package dev.sanfi.sockets.exercises;
