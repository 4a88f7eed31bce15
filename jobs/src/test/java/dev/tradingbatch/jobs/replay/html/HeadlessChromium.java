package dev.tradingbatch.jobs.replay.html;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens a local page in the Debian package's headless Chromium, offline: every host name fails to resolve, so a
 * page that needed the network would not render.
 */
public final class HeadlessChromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    static final int WIDTH = 1200;
    static final int HEIGHT = 1600;
    private static final long TIMEOUT_SECONDS = 120;

    private final Path workDir;

    HeadlessChromium(Path workDir) {
        this.workDir = workDir;
    }

    /**
     * Skips the calling test when Chromium is not installed, or fails it when {@code REQUIRE_CHROMIUM=true} (system
     * property or environment variable) says it must be, as in CI.
     */
    static void assumeInstalled() {
        assumeInstalled(BINARY, "chromium");
    }

    /**
     * Skips the calling test when {@code binary} (of the Debian package {@code debianPackage}: chromium, or
     * chromium-driver for Selenium's tests) is not installed, or fails it when {@code REQUIRE_CHROMIUM=true}.
     */
    public static void assumeInstalled(Path binary, String debianPackage) {
        if (Files.isExecutable(binary)) {
            return;
        }
        String required = System.getProperty("REQUIRE_CHROMIUM", System.getenv("REQUIRE_CHROMIUM"));
        if ("true".equalsIgnoreCase(required)) {
            fail("REQUIRE_CHROMIUM=true but " + binary + " is missing: install the Debian package " + debianPackage);
        }
        assumeTrue(false, binary + " is missing, so what a browser shows is not checked: install the Debian "
                + "package " + debianPackage + " (apt-get install " + debianPackage + ") to run this test");
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** The page's DOM once its scripts have run for up to 5 s of virtual time. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        Path out = workDir.resolve("dom.html");
        run(List.of("--dump-dom", page.toUri().toString()), out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A WIDTH × HEIGHT screenshot of the page, taken the same way. */
    BufferedImage screenshot(Path page) throws IOException, InterruptedException {
        Path png = workDir.resolve("screenshot.png");
        run(List.of("--screenshot=" + png, page.toUri().toString()), workDir.resolve("screenshot.out"));
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) {
            fail("chromium wrote no readable screenshot at " + png);
        }
        return image;
    }

    private void run(List<String> arguments, Path stdout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + workDir.resolve("profile"), "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--no-proxy-server",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=" + WIDTH + "," + HEIGHT,
                "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000"));
        command.addAll(arguments);
        Path stderr = workDir.resolve("chromium.err");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; its output: " + tail(stderr));
        }
        if (process.exitValue() != 0) {
            fail("chromium exited with " + process.exitValue() + ": " + tail(stderr));
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        return text.substring(Math.max(0, text.length() - 2000));
    }
}
