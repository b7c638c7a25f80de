package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one bench/run measured, as it keeps it: a line per load, {@code SERVER LOAD RESULT key=value ...}
 * (or {@code SERVER LOAD FAILED}), after comment lines that say how the run was made. The tables
 * and the chart of chapter 9 are made from these lines and nothing else.
 *
 * <p>The loads are named {@code text-32}, {@code binary-1024}, ... (type and size, 100 connections
 * with 10 in flight), with {@code wss-} or {@code deflate-} in front for the TLS and compressed
 * passes; {@code c1000} (a thousand connections, unpaced) and {@code c1000-r10} (each sending 10 a
 * second); {@code idle}; and for the chat {@code fanout-S} (S senders).
 */
record RunResults(List<String> about, List<Row> rows) {

    /** One load of one server: its fields, or none if it failed. */
    record Row(String server, String load, Map<String, String> fields) {

        boolean failed() {
            return fields.isEmpty();
        }

        Optional<Double> number(String key) {
            String value = fields.get(key);
            if (value == null || value.equals("-")) {
                return Optional.empty();
            }
            try {
                return Optional.of(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** Wrong or missing echoes and lost connections: a row with any is no result. */
        long problems() {
            return number("errors").orElse(0.0).longValue() + number("lost").orElse(0.0).longValue();
        }
    }

    static RunResults read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    /**
     * @throws IllegalArgumentException for a line that is neither a comment, blank, nor a result
     */
    static RunResults parse(List<String> lines) {
        List<String> about = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("#")) {
                about.add(text.substring(1).strip());
                continue;
            }
            String[] words = text.split("\\s+");
            if (words.length < 3 || !(words[2].equals("RESULT") || words[2].equals("FAILED"))) {
                throw new IllegalArgumentException("not a result line (SERVER LOAD RESULT ...): " + text);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 3; i < words.length; i++) {
                int equals = words[i].indexOf('=');
                if (equals > 0) {
                    fields.put(words[i].substring(0, equals), words[i].substring(equals + 1));
                }
            }
            rows.add(new Row(words[0], words[1], fields));
        }
        return new RunResults(List.copyOf(about), List.copyOf(rows));
    }

    Optional<Row> row(String server, String load) {
        return rows.stream().filter(r -> r.server().equals(server) && r.load().equals(load)).findFirst();
    }

    /** The servers, in the order of their first line. */
    List<String> servers() {
        return rows.stream().map(Row::server).distinct().toList();
    }

    /** The loads, in the order of their first line. */
    List<String> loads() {
        return rows.stream().map(Row::load).distinct().toList();
    }

    /** A server's echoes a second in a load as a multiple of the reference's in the same load. */
    Optional<Double> ratio(String server, String load, String reference) {
        Optional<Double> rate = row(server, load).filter(r -> r.problems() == 0).flatMap(r -> r.number("echoes_per_s"));
        Optional<Double> base = row(reference, load).filter(r -> r.problems() == 0).flatMap(r -> r.number("echoes_per_s"));
        if (rate.isEmpty() || base.isEmpty() || base.get() <= 0) {
            return Optional.empty();
        }
        return Optional.of(rate.get() / base.get());
    }
}
