package dev.tradingbatch.jobs.operations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * The running JVM as other processes see it: host name (a container's own name in Docker), pid and
 * start time, which together tell a live process from a dead one whose pid was reused.
 */
public record ThisProcess(String host, long pid, Long startMillis) {

    private static final ThisProcess CURRENT = of(ProcessHandle.current());

    public static ThisProcess get() {
        return CURRENT;
    }

    private static ThisProcess of(ProcessHandle handle) {
        return new ThisProcess(hostName(), handle.pid(), startMillis(handle).orElse(null));
    }

    static Optional<Long> startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
