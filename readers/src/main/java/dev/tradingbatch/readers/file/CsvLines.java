package dev.tradingbatch.readers.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The data lines of a candle file, each cut to {@value #MAX_LINE} characters: comment lines ({@code #}), blank lines
 * and the header ({@code open_time,...}) are skipped, a byte order mark at the start is dropped, {@code .gz} files
 * are unpacked on the fly. A candle line is at most a few hundred characters; a longer one (a file of random bytes
 * can hold a 200 MB "line") is read in bounded memory and handed out cut, for the validation to refuse.
 */
final class CsvLines implements Closeable {

    /** Six fields of at most 64 characters and their commas fit easily. */
    static final int MAX_LINE = 1024;

    private static final char BOM = '\uFEFF';

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private final StringBuilder line = new StringBuilder();
    private boolean first = true;

    CsvLines(Path file) throws IOException {
        InputStream stream = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                stream = new GZIPInputStream(stream);
            }
        } catch (IOException e) {
            stream.close();
            throw e;
        }
        this.in = new InputStreamReader(stream, StandardCharsets.UTF_8);
    }

    /** The next data line, stripped and cut to {@value #MAX_LINE} characters; null at the end of the file. */
    String next() throws IOException {
        String text;
        while ((text = raw()) != null) {
            text = text.strip();
            if (!text.isEmpty() && !text.startsWith("#") && !text.startsWith("open_time")) {
                return text;
            }
        }
        return null;
    }

    /** One line up to its end or {@value #MAX_LINE} characters, the rest of it read and dropped. */
    private String raw() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (position < limit || fill()) {
            any = true;
            char ch = buffer[position++];
            if (ch == '\n') {
                break;
            }
            if (first && ch == BOM) {
                first = false;
                continue;
            }
            first = false;
            if (ch != '\r' && line.length() < MAX_LINE) {
                line.append(ch);
            }
        }
        return any ? line.toString() : null;
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
