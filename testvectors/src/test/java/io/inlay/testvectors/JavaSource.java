package io.inlay.testvectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a dependency check needs from one Java source file, read without a compiler: its package,
 * its import declarations, the identifiers of its code and the dotted names in its code (the
 * candidates for fully qualified usages). Comments and the contents of string, character and
 * text-block literals are blanked first, so a name that only appears there is not a dependency.
 *
 * @param file        where the source was read from (for messages)
 * @param packageName the declared package, "" for the unnamed package
 * @param typeName    the file's top-level type name (the file name without {@code .java})
 * @param imports     import declarations in source order
 * @param identifiers every identifier token of the code outside package and import declarations,
 *                    with the line of its first occurrence
 * @param dottedNames every maximal {@code a.b.c} token of that code, with its line
 */
record JavaSource(Path file, String packageName, String typeName, List<Import> imports,
        Map<String, Integer> identifiers, List<Name> dottedNames) {

    /** One {@code import [static] name[.*];} declaration. */
    record Import(String name, boolean isStatic, boolean wildcard, int line) {
        @Override
        public String toString() {
            return "import " + (isStatic ? "static " : "") + name + (wildcard ? ".*" : "");
        }
    }

    /** A dotted name used in code, and the line it is on. */
    record Name(String name, int line) {
    }

    private static final Pattern PACKAGE = Pattern.compile(
            "\\bpackage\\s+([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*)\\s*;");
    private static final Pattern IMPORT = Pattern.compile(
            "\\bimport\\s+(static\\s+)?([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*(?:[A-Za-z_$][\\w$]*|\\*))*)\\s*;");
    private static final Pattern DOTTED = Pattern.compile(
            "(?<![\\w$.])[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");

    /** The fully qualified name of the file's top-level type. */
    String qualifiedName() {
        return packageName.isEmpty() ? typeName : packageName + "." + typeName;
    }

    /** Reads and parses {@code file}. */
    static JavaSource read(Path file) throws IOException {
        return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses {@code text} as the contents of {@code file}. */
    static JavaSource parse(Path file, String text) {
        String code = blankCommentsAndLiterals(text);
        int[] lineStarts = lineStarts(code);
        String typeName = file.getFileName().toString().replaceFirst("\\.java$", "");
        StringBuilder body = new StringBuilder(code);
        String pkg = "";
        Matcher pm = PACKAGE.matcher(code);
        if (pm.find()) {
            pkg = pm.group(1).replaceAll("\\s+", "");
            blank(body, pm.start(), pm.end());
        }
        List<Import> imports = new ArrayList<>();
        Matcher im = IMPORT.matcher(code);
        while (im.find()) {
            String name = im.group(2).replaceAll("\\s+", "");
            boolean wildcard = name.endsWith(".*");
            if (wildcard) {
                name = name.substring(0, name.length() - 2);
            }
            imports.add(new Import(name, im.group(1) != null, wildcard, lineOf(lineStarts, im.start())));
            blank(body, im.start(), im.end());
        }
        String rest = body.toString();
        Map<String, Integer> identifiers = new HashMap<>();
        Matcher id = IDENTIFIER.matcher(rest);
        while (id.find()) {
            identifiers.putIfAbsent(id.group(), lineOf(lineStarts, id.start()));
        }
        List<Name> dotted = new ArrayList<>();
        Matcher dm = DOTTED.matcher(rest);
        while (dm.find()) {
            dotted.add(new Name(dm.group(), lineOf(lineStarts, dm.start())));
        }
        return new JavaSource(file, pkg, typeName, List.copyOf(imports), Map.copyOf(identifiers), List.copyOf(dotted));
    }

    /**
     * {@code text} with comments and the contents of literals replaced by spaces; line breaks are
     * kept, so offsets and line numbers stay those of the original. Literal delimiters remain.
     */
    static String blankCommentsAndLiterals(String text) {
        char[] c = text.toCharArray();
        int n = c.length;
        int i = 0;
        while (i < n) {
            char ch = c[i];
            if (ch == '/' && i + 1 < n && c[i + 1] == '/') {
                while (i < n && c[i] != '\n' && c[i] != '\r') {
                    c[i++] = ' ';
                }
            } else if (ch == '/' && i + 1 < n && c[i + 1] == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blankRange(c, i, end);
                i = end;
            } else if (ch == '"' && i + 2 < n && c[i + 1] == '"' && c[i + 2] == '"') {
                int j = i + 3;
                while (j < n && !(c[j] == '"' && j + 2 < n && c[j + 1] == '"' && c[j + 2] == '"')) {
                    j += c[j] == '\\' ? 2 : 1;
                }
                blankRange(c, i + 3, Math.min(j, n));
                i = Math.min(j + 3, n);
            } else if (ch == '"' || ch == '\'') {
                int j = i + 1;
                while (j < n && c[j] != ch && c[j] != '\n') {
                    j += c[j] == '\\' ? 2 : 1;
                }
                blankRange(c, i + 1, Math.min(j, n));
                i = Math.min(j + 1, n);
            } else {
                i++;
            }
        }
        return new String(c);
    }

    private static void blankRange(char[] c, int from, int to) {
        for (int k = from; k < to && k < c.length; k++) {
            if (c[k] != '\n' && c[k] != '\r') {
                c[k] = ' ';
            }
        }
    }

    private static void blank(StringBuilder sb, int from, int to) {
        for (int k = from; k < to; k++) {
            if (sb.charAt(k) != '\n') {
                sb.setCharAt(k, ' ');
            }
        }
    }

    // Offsets at which each line starts; line k + 1 starts at result[k].
    private static int[] lineStarts(String s) {
        int[] starts = new int[16];
        int count = 1;
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, 2 * count);
                }
                starts[count++] = k + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
