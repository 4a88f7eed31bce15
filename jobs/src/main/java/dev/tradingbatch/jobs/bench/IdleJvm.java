package dev.tradingbatch.jobs.bench;

import java.io.IOException;

/**
 * The process baseline: a main that does nothing, started from the same jar (or classpath) and
 * launcher as the application. {@code exit}: returns at once (the JVM's own start-up and exit);
 * otherwise prints {@code ready} and idles until its standard input closes (the JVM's own memory).
 */
public final class IdleJvm {

    private IdleJvm() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("exit")) {
            return;
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // idle until the parent closes our input
        }
    }
}
