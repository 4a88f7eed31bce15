package dev.tradingbatch.jobs.config;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.nio.file.Path;

/** Where a setting was given, for a message: {@code config/application.yml line 74: }, or nothing when no file says. */
final class SettingOrigins {

    private SettingOrigins() {
    }

    static String where(PropertySource<?> source, String key) {
        Origin origin = OriginLookup.getOrigin(source, key);
        for (Origin o = origin; o != null; o = o.getParent()) {
            if (o instanceof TextResourceOrigin text && text.getResource() != null) {
                return file(text.getResource()) + (text.getLocation() == null ? ""
                        : " line " + (text.getLocation().getLine() + 1)) + ": ";
            }
        }
        return "";
    }

    /** A file by its path relative to the working folder when it is under it ({@code config/application.yml}). */
    static String file(Resource resource) {
        try {
            if (resource.isFile()) {
                Path file = resource.getFile().toPath().toAbsolutePath().normalize();
                Path here = Path.of("").toAbsolutePath();
                return file.startsWith(here) ? here.relativize(file).toString() : file.toString();
            }
        } catch (IOException | RuntimeException e) {
            // described as Spring describes it
        }
        return resource.getDescription();
    }
}
