package io.inlay.testvectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The dependency rules of DESIGN.md §1, checked by scanning the Java sources of every module of
 * the repository (each directory beside {@code testvectors} with a {@code pom.xml} and a
 * {@code src} folder). Each rule returns its violations as lines naming the file, the line, the
 * offending import or qualified name and the rule; an empty list means the rule holds.
 *
 * <p>A reference is an import declaration (static or not, wildcard or not) or a dotted name in
 * code (a fully qualified usage such as {@code ai.onnxruntime.OrtSession.create()}); comments and
 * literals do not count. Reflection (e.g. {@code Class.forName("...")}) is deliberately invisible:
 * that is how codec-core reaches optional implementations without linking to them.
 */
final class DependencyRules {
    static final String CORE = "codec-core";
    static final String BITSTREAM = "codec-bitstream";
    static final String VECTOR_PACKAGE = "io.inlay.core.kernels.vector";
    /** The packages that may use the Vector API: codec-core's kernels and codec-neural's network kernels. */
    static final Set<String> VECTOR_PACKAGES = Set.of(VECTOR_PACKAGE, "io.inlay.neural.kernels.vector");
    static final String DECODER_PACKAGE = "io.inlay.core.decoder";

    /** Entry points of the decoder besides its package: the public decoder API. */
    static final Set<String> DECODER_API = Set.of("io.inlay.core.Decoder", "io.inlay.core.DecoderConfig");

    /** Packages only the encoder may use (with their subpackages). */
    static final List<String> ENCODER_PACKAGES = List.of("io.inlay.core.encoder", "io.inlay.core.metrics");

    /** Encoder-only classes outside those packages: searches, forward paths, distortion kernels, the writer. */
    static final Set<String> ENCODER_CLASSES = Set.of(
            "io.inlay.core.Encoder",
            "io.inlay.core.EncoderConfig",
            "io.inlay.core.quant.Quantiser",
            "io.inlay.core.kernels.BlockDistortion",
            "io.inlay.core.kernels.ScalarBlockDistortion",
            "io.inlay.core.kernels.vector.VectorBlockDistortion",
            "io.inlay.core.kernels.ForwardTransform",
            "io.inlay.core.kernels.ScalarForwardTransform",
            "io.inlay.core.kernels.vector.VectorForwardTransform",
            "io.inlay.core.syntax.CodingTreeWriter");

    /**
     * The kernel registries: they name every kernel family, the encoder's too, so the walk does
     * not follow their edges (a decoder class that uses an encoder family still names its type
     * and is caught there).
     */
    static final Set<String> KERNEL_REGISTRIES = Set.of("io.inlay.core.kernels.Kernels",
            "io.inlay.core.kernels.KernelProvider", "io.inlay.core.kernels.vector.VectorKernelProvider");

    /** One source tree of one module. */
    record SourceSet(String module, boolean main, List<JavaSource> sources) {
    }

    private final Path root;
    private final Map<String, List<SourceSet>> modules = new TreeMap<>();

    private DependencyRules(Path root) {
        this.root = root;
    }

    /** Reads every module under {@code repositoryRoot}. */
    static DependencyRules scan(Path repositoryRoot) throws IOException {
        DependencyRules r = new DependencyRules(repositoryRoot.toAbsolutePath().normalize());
        try (Stream<Path> dirs = Files.list(r.root)) {
            for (Path dir : dirs.sorted().toList()) {
                if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("src"))) {
                    String name = dir.getFileName().toString();
                    List<SourceSet> sets = new ArrayList<>();
                    sets.add(new SourceSet(name, true, readTree(dir.resolve("src/main/java"))));
                    sets.add(new SourceSet(name, false, readTree(dir.resolve("src/test/java"))));
                    r.modules.put(name, sets);
                }
            }
        }
        return r;
    }

    private static List<JavaSource> readTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<JavaSource> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                out.add(JavaSource.read(f));
            }
        }
        return out;
    }

    /** Names of the modules found. */
    Set<String> moduleNames() {
        return modules.keySet();
    }

    /** Number of source files read. */
    int fileCount() {
        return modules.values().stream().flatMap(List::stream).mapToInt(s -> s.sources().size()).sum();
    }

    /**
     * (a) Only the vector-kernel packages ({@link #VECTOR_PACKAGES}: {@code io.inlay.core.kernels.vector}
     * and {@code io.inlay.neural.kernels.vector}) use {@code jdk.incubator.vector}, in any module.
     */
    List<String> vectorApiOnlyInVectorPackage() {
        List<String> v = new ArrayList<>();
        for (List<SourceSet> sets : modules.values()) {
            for (SourceSet set : sets) {
                for (JavaSource s : set.sources()) {
                    if (!VECTOR_PACKAGES.contains(s.packageName())) {
                        forbid(v, s, "jdk.incubator.vector", "only " + String.join(" and ", VECTOR_PACKAGES.stream()
                                .sorted().toList()) + " may use jdk.incubator.vector");
                    }
                }
            }
        }
        return v;
    }

    /**
     * (b) codec-core (main and tests) uses neither ONNX Runtime nor ND4J, and no module but a
     * training module (a directory whose name contains "training") uses ND4J / Deeplearning4j.
     */
    List<String> noNeuralRuntimes() {
        List<String> v = new ArrayList<>();
        for (Map.Entry<String, List<SourceSet>> m : modules.entrySet()) {
            boolean training = m.getKey().contains("training");
            for (SourceSet set : m.getValue()) {
                for (JavaSource s : set.sources()) {
                    if (m.getKey().equals(CORE)) {
                        forbid(v, s, "ai.onnxruntime", "codec-core never uses ONNX Runtime (it defines the SPI)");
                    }
                    if (!training) {
                        forbid(v, s, "org.nd4j", "only the training module may use ND4J");
                        forbid(v, s, "org.deeplearning4j", "only the training module may use Deeplearning4j");
                    }
                }
            }
        }
        return v;
    }

    /** (d) codec-bitstream's production code uses the JDK's {@code java.*} packages and itself only. */
    List<String> bitstreamUsesOnlyJava() {
        List<String> v = new ArrayList<>();
        for (JavaSource s : sources(BITSTREAM, true)) {
            for (Ref r : references(s)) {
                boolean imported = r.isImport();
                boolean allowed = within(r.name(), "java") || within(r.name(), "io.inlay.bitstream");
                // A dotted name in code is a qualified usage only if it starts like a package.
                boolean foreign = imported || startsWithAny(r.name(), "javax", "jdk", "sun", "com", "org", "ai", "io.inlay");
                if (!allowed && foreign) {
                    v.add(r.describe(this, s) + " -- codec-bitstream depends on java.* only");
                }
            }
        }
        return v;
    }

    /** (e) codec-core's production code uses, of Inlay, only itself and codec-bitstream (so never io.inlay.cli). */
    List<String> coreUsesOnlyBitstream() {
        List<String> v = new ArrayList<>();
        for (JavaSource s : sources(CORE, true)) {
            for (Ref r : references(s)) {
                if (within(r.name(), "io.inlay") && !within(r.name(), "io.inlay.core")
                        && !within(r.name(), "io.inlay.bitstream")) {
                    v.add(r.describe(this, s) + " -- codec-core depends on codec-bitstream only, never on "
                            + packageOf(r.name()));
                }
            }
        }
        return v;
    }

    /**
     * (c) Nothing the decoder reaches within codec-core's production code is encoder code. The
     * classes reached are the transitive closure, from {@value #DECODER_PACKAGE} and the decoder
     * API, over imports, qualified names and same-package simple names (a conservative over-
     * approximation: a same-package class counts as used when its simple name appears in code).
     */
    List<String> decoderNeverReachesEncoder() {
        List<String> v = new ArrayList<>();
        walkDecoder(v);
        return v;
    }

    /** The classes the decoder reaches, including any encoder class it reaches. */
    Set<String> decoderClosure() {
        return walkDecoder(new ArrayList<>()).keySet();
    }

    // Breadth-first walk from the decoder; records how each class was first reached, and stops at
    // encoder code (reported once, with the chain that leads there).
    private Map<String, ClassGraph.Edge> walkDecoder(List<String> violations) {
        ClassGraph g = new ClassGraph(sources(CORE, true));
        Map<String, ClassGraph.Edge> via = new LinkedHashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        for (String c : g.classes()) {
            if (within(c, DECODER_PACKAGE) || DECODER_API.contains(c)) {
                via.put(c, null);
                queue.add(c);
            }
        }
        while (!queue.isEmpty()) {
            String c = queue.poll();
            for (ClassGraph.Edge e : g.edges(c)) {
                if (via.containsKey(e.to())) {
                    continue;
                }
                via.put(e.to(), e);
                if (isEncoderCode(e.to())) {
                    violations.add(relative(g.source(c).file()) + ":" + e.line() + ": " + e.how()
                            + " -- the decoder reaches encoder code: " + path(via, e.to()));
                } else if (!KERNEL_REGISTRIES.contains(e.to())) {
                    queue.add(e.to());
                }
            }
        }
        return via;
    }

    static boolean isEncoderCode(String className) {
        return ENCODER_CLASSES.contains(className) || ENCODER_PACKAGES.stream().anyMatch(p -> within(className, p));
    }

    private static String path(Map<String, ClassGraph.Edge> via, String to) {
        List<String> chain = new ArrayList<>();
        for (String c = to; c != null; ) {
            chain.addFirst(c);
            ClassGraph.Edge e = via.get(c);
            c = e == null ? null : e.from();
        }
        return String.join(" -> ", chain);
    }

    private List<JavaSource> sources(String module, boolean main) {
        List<JavaSource> out = new ArrayList<>();
        for (SourceSet s : modules.getOrDefault(module, List.of())) {
            if (s.main() == main) {
                out.addAll(s.sources());
            }
        }
        return out;
    }

    private void forbid(List<String> v, JavaSource s, String prefix, String rule) {
        for (Ref r : references(s)) {
            if (within(r.name(), prefix)) {
                v.add(r.describe(this, s) + " -- " + rule);
            }
        }
    }

    String relative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }

    /** An import or a dotted name in code. */
    record Ref(String name, int line, boolean isImport, String text) {
        String describe(DependencyRules rules, JavaSource s) {
            return rules.relative(s.file()) + ":" + line + ": " + text;
        }
    }

    static List<Ref> references(JavaSource s) {
        List<Ref> out = new ArrayList<>();
        for (JavaSource.Import i : s.imports()) {
            out.add(new Ref(i.name(), i.line(), true, i.toString()));
        }
        for (JavaSource.Name n : s.dottedNames()) {
            out.add(new Ref(n.name(), n.line(), false, "uses " + n.name()));
        }
        return out;
    }

    /** True when {@code name} is {@code prefix} or lies inside it ({@code prefix.*}). */
    static boolean within(String name, String prefix) {
        return name.equals(prefix) || name.startsWith(prefix + ".");
    }

    private static boolean startsWithAny(String name, String... prefixes) {
        for (String p : prefixes) {
            if (within(name, p)) {
                return true;
            }
        }
        return false;
    }

    private static String packageOf(String name) {
        String[] parts = name.split("\\.");
        return parts.length >= 3 ? parts[0] + "." + parts[1] + "." + parts[2] : name;
    }

    /** Dependencies between the top-level classes of one source tree. */
    static final class ClassGraph {
        /** {@code from} depends on {@code to}, as written at {@code line} of {@code from}'s file. */
        record Edge(String from, String to, int line, String how) {
        }

        private final Map<String, JavaSource> byName = new TreeMap<>();
        private final Map<String, List<JavaSource>> byPackage = new HashMap<>();
        private final Map<String, List<Edge>> edges = new HashMap<>();

        ClassGraph(List<JavaSource> sources) {
            for (JavaSource s : sources) {
                byName.put(s.qualifiedName(), s);
                byPackage.computeIfAbsent(s.packageName(), k -> new ArrayList<>()).add(s);
            }
        }

        Set<String> classes() {
            return byName.keySet();
        }

        JavaSource source(String className) {
            return byName.get(className);
        }

        List<Edge> edges(String className) {
            return edges.computeIfAbsent(className, this::computeEdges);
        }

        private List<Edge> computeEdges(String className) {
            JavaSource s = byName.get(className);
            Map<String, Edge> out = new LinkedHashMap<>();
            for (JavaSource.Import i : s.imports()) {
                String target = resolve(i.name());
                if (target != null) {
                    add(out, new Edge(className, target, i.line(), i.toString()));
                } else if (i.wildcard()) {
                    for (JavaSource t : byPackage.getOrDefault(i.name(), List.of())) {
                        if (s.identifiers().containsKey(t.typeName())) {
                            add(out, new Edge(className, t.qualifiedName(), i.line(), i + " (uses " + t.typeName() + ")"));
                        }
                    }
                }
            }
            for (JavaSource.Name n : s.dottedNames()) {
                String target = resolve(n.name());
                if (target != null && n.name().startsWith(target)) {
                    add(out, new Edge(className, target, n.line(), "uses " + n.name()));
                }
            }
            for (JavaSource t : byPackage.getOrDefault(s.packageName(), List.of())) {
                if (t != s && s.identifiers().containsKey(t.typeName())) {
                    add(out, new Edge(className, t.qualifiedName(), s.identifiers().get(t.typeName()),
                            "refers to " + t.typeName() + " (same package)"));
                }
            }
            return List.copyOf(out.values());
        }

        private static void add(Map<String, Edge> out, Edge e) {
            if (!e.to().equals(e.from())) {
                out.putIfAbsent(e.to(), e);
            }
        }

        // The known class that is the longest prefix of a dotted name, or null.
        private String resolve(String dotted) {
            String n = dotted;
            while (true) {
                if (byName.containsKey(n)) {
                    return n;
                }
                int dot = n.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                n = n.substring(0, dot);
            }
        }
    }
}
