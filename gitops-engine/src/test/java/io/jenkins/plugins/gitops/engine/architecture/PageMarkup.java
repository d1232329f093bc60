package io.jenkins.plugins.gitops.engine.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jenkins pages' HTML is written in gitops-pages alone, where every public method is tested with hostile text:
 * an HTML class attribute of Jenkins' design library ({@code class="jenkins-table"}) or of the pages' style
 * ({@code class="gitops-diff"}), or a data attribute of the pages' scripts, in a string constant of a class elsewhere
 * (the engine, the plugin) means page markup is written where that test does not reach.
 */
public final class PageMarkup {
    private static final Pattern MARKUP = Pattern.compile("class=\"(jenkins|gitops)-[\\w-]*|data-gitops-[\\w-]*");

    private PageMarkup() {
    }

    public static ArchCondition<JavaClass> absent() {
        return new ArchCondition<>("hold no page markup in their string constants") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                c.getSource().ifPresent(source -> {
                    Matcher m = MARKUP.matcher(constants(source.getUri()));
                    if (m.find()) {
                        events.add(SimpleConditionEvent.violated(c, c.getName() + " holds page markup: " + m.group()));
                    }
                });
            }
        };
    }

    /** The class file's bytes as text: its string constants are (modified) UTF-8, so ASCII markup reads as written. */
    private static String constants(URI classFile) {
        try (InputStream in = classFile.toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classFile, e);
        }
    }
}
