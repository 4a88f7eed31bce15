#!/bin/sh
# The training run of the image's AOT cache (docker/Dockerfile runs it at build time; `bench --only
# process` trains its own cache with the same steps): a trader's first seconds, cut short.
#
#   aot-training.sh CACHE JAVA [options...] -jar APP.jar run --role trader --strategy ID
#
# Starts the trader with -XX:AOTCacheOutput=CACHE, waits until it has logged its first evaluation
# (a database holding the strategy's candles is needed for that), stops it with SIGTERM as `docker
# stop` does, and waits: the JVM writes the cache as it exits (0). At most 5 minutes.
set -eu
cache=$1
java=$2
shift 2
log=$(mktemp)
"$java" -XX:AOTCacheOutput="$cache" "$@" >"$log" 2>&1 &
pid=$!
waited=0
until grep -Eq 'ScheduledWork +: evaluate ' "$log"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge 3000 ]; then
        kill -9 "$pid" 2>/dev/null || true
        cat "$log" >&2
        echo "aot-training: the trader did not evaluate (exited or hung)" >&2
        exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
done
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
if [ "$status" -ne 0 ] || [ ! -s "$cache" ]; then
    cat "$log" >&2
    echo "aot-training: no cache written (exit $status)" >&2
    exit 1
fi
grep -E 'AOTCache creation is complete' "$log" || true
rm -f "$log"
