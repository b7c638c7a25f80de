package dev.sanfi.sockets.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every relative link of a Markdown file leads somewhere: the file or directory exists,
 * and a {@code #fragment} into a Markdown file names one of its headings (as GitHub makes heading
 * anchors) or an {@code <a id>} in it.
 *
 * <p>Links with a scheme ({@code https:}, {@code mailto:}, {@code ws:}) are not followed; links inside
 * code blocks and code spans are not links.
 */
final class LinkCheck {

    /** {@code [text](target)} and {@code ![alt](target "title")}; the target may be in angle brackets. */
    private static final Pattern INLINE_LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** A reference definition: {@code [name]: target}. */
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?.*$");
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*:|//).*");
    private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,}).*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    private static final Pattern MARKDOWN_LINK_TEXT = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");

    private LinkCheck() {
    }

    /**
     * Every broken relative link of the Markdown file at {@code document} (a repository-relative path),
     * one line each, starting with {@code document:line:}.
     */
    static List<String> problems(String document, List<String> markdown, RepositoryFiles files) {
        List<String> problems = new ArrayList<>();
        String directory = document.contains("/") ? document.substring(0, document.lastIndexOf('/') + 1) : "";
        List<String> prose = withoutFencedBlocks(markdown);
        for (int i = 0; i < prose.size(); i++) {
            for (String target : targets(CODE_SPAN.matcher(prose.get(i)).replaceAll("code"))) {
                if (SCHEME.matcher(target).matches()) {
                    continue;
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String fragment = hash < 0 ? "" : target.substring(hash + 1);
                String resolved = path.isEmpty() ? document : normalize(directory + path);
                String where = document + ":" + (i + 1) + ": link " + target;
                if (resolved == null || !files.exists(resolved)) {
                    problems.add(where + " leads to no file");
                } else if (!fragment.isEmpty() && resolved.endsWith(".md")) {
                    List<String> targetLines = files.lines(resolved).orElse(List.of());
                    if (!anchors(targetLines).contains(fragment)) {
                        problems.add(where + " names no heading of " + resolved);
                    }
                }
            }
        }
        return problems;
    }

    /** The link targets on one line of prose. */
    static List<String> targets(String line) {
        List<String> targets = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(line);
        if (reference.matches()) {
            targets.add(reference.group(1));
            return targets;
        }
        Matcher inline = INLINE_LINK.matcher(line);
        while (inline.find()) {
            targets.add(inline.group(1));
        }
        return targets;
    }

    /** The lines with fenced code blocks blanked, so that line numbers stay right. */
    static List<String> withoutFencedBlocks(List<String> markdown) {
        List<String> prose = new ArrayList<>();
        String openFence = null;
        for (String line : markdown) {
            Matcher fence = FENCE.matcher(line);
            if (openFence == null && fence.matches()) {
                openFence = fence.group(1);
                prose.add("");
            } else if (openFence != null) {
                if (closes(line, openFence)) {
                    openFence = null;
                }
                prose.add("");
            } else {
                prose.add(line);
            }
        }
        return prose;
    }

    /** A closing fence: at least as many of the opening fence's characters, and nothing else. */
    private static boolean closes(String line, String openFence) {
        String stripped = line.strip();
        return stripped.startsWith(openFence) && stripped.chars().allMatch(c -> c == openFence.charAt(0));
    }

    /** The anchors a Markdown file offers: its headings' GitHub slugs and its {@code <a id>}s. */
    static Set<String> anchors(List<String> markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : withoutFencedBlocks(markdown)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int times = seen.merge(slug, 1, Integer::sum);
                anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
        }
        return anchors;
    }

    /**
     * GitHub's anchor for a heading: link markup reduced to its text, lower case, every character that is
     * not a letter, digit, space, hyphen or underscore dropped, spaces turned into hyphens.
     */
    static String slug(String heading) {
        String text = MARKDOWN_LINK_TEXT.matcher(heading).replaceAll("$1").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    /** {@code a/./b/../c} as {@code a/c}; null when the path climbs above the repository. */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
