package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JavaSource} on synthetic snippets: what the dependency rules see of a file. */
class JavaSourceTest {
    @Test
    void readsImportsAndIgnoresCommentsAndLiterals() {
        JavaSource s = JavaSource.parse(Path.of("x/Foo.java"), """
                // import jdk.incubator.vector.IntVector;
                package a . b;

                import java.util.List;
                import static io.inlay.core.quant.Quantiser.quantise;
                import io.inlay.core.syntax.*;
                /* import ai.onnxruntime.OrtSession; */
                class Foo {
                    String s = "import org.nd4j.linalg.Nd4j; ai.onnxruntime.X";
                    char c = '"';
                    String t = \"""
                        org.nd4j.Y \\\""" still text
                        \""";
                    Object o = io.inlay.cli.Version.VERSION; // jdk.incubator.vector.X
                    Bar b;
                }
                """);
        assertEquals("a.b", s.packageName());
        assertEquals("a.b.Foo", s.qualifiedName());
        assertEquals(List.of("import java.util.List", "import static io.inlay.core.quant.Quantiser.quantise",
                "import io.inlay.core.syntax.*"), s.imports().stream().map(Object::toString).toList());
        assertEquals(List.of(4, 5, 6), s.imports().stream().map(JavaSource.Import::line).toList());
        List<String> dotted = s.dottedNames().stream().map(JavaSource.Name::name).toList();
        assertEquals(List.of("io.inlay.cli.Version.VERSION"), dotted);
        assertEquals(14, s.dottedNames().getFirst().line());
        assertTrue(s.identifiers().containsKey("Bar"));
        assertEquals(15, s.identifiers().get("Bar"));
        assertFalse(s.identifiers().containsKey("Nd4j"), "identifier from a string literal");
        assertFalse(s.identifiers().containsKey("Y"), "identifier from a text block");
    }

    @Test
    void blankingKeepsOffsetsAndLines() {
        String src = "a /* x\ny */ b \"q\\\"r\" 'c' // z\nd";
        String blank = JavaSource.blankCommentsAndLiterals(src);
        assertEquals(src.length(), blank.length());
        assertEquals(src.lines().count(), blank.lines().count());
        assertEquals("a     \n     b \"    \" ' '     \nd", blank);
    }
}
