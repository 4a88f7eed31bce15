package dev.tradingbatch.jobs.config;

import dev.tradingbatch.jobs.BadInputException;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.List;

/**
 * Reads configuration files in YAML as Spring does, and refuses one that is not YAML naming the file and the line
 * (bad input, exit code 2): Spring's own message names neither the file nor a line a user can find.
 */
public class YamlFiles implements PropertySourceLoader, Ordered {

    private final YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();

    @Override
    public String[] getFileExtensions() {
        return yaml.getFileExtensions();
    }

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        try {
            return yaml.load(name, resource);
        } catch (MarkedYAMLException e) {
            BadInputException bad = new BadInputException(SettingOrigins.file(resource) + " " + position(e)
                    + " is not YAML: " + oneLine(e.getProblem()) + (e.getContext() == null ? "" : " " + oneLine(e.getContext())));
            bad.initCause(e);
            throw bad;
        }
    }

    private static String position(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static String oneLine(String text) {
        return String.valueOf(text).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Before Spring's own loader of the same files. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
