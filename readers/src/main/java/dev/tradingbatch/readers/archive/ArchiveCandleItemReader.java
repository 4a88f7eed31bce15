package dev.tradingbatch.readers.archive;

import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.ExchangeCandleItemReader;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a range of Binance candles from its public data archive: the monthly file of every month the range
 * covers whole, the daily files of the days around them, and the REST API ({@code rest}) for the days the
 * archive has no file for yet (a 404; a month not archived yet is asked for day by day). Oldest first.
 * <p>
 * Restartable per file: the files read to the end are kept in the step's execution context at every chunk,
 * with the position inside the file being read, so a restarted run downloads none of them again. A file whose
 * checksum is wrong gives no candle: it is left out, named in {@link #failures()}, and the other files are
 * still read, so the step can fail naming it once the others' candles are stored; a restart asks for it again.
 */
public class ArchiveCandleItemReader implements ItemStreamReader<RawCandle> {

    public static final String DONE = "archiveCandleItemReader.done";
    public static final String CURRENT = "archiveCandleItemReader.current";
    public static final String POSITION = "archiveCandleItemReader.position";

    /** A part of the range and where it is read from: an archive file, or the REST API when {@code file} is null. */
    private record Segment(ArchiveFile file, long from, long to) {

        String key() {
            return file != null ? file.name() : "rest:" + from + "-" + to;
        }
    }

    private final BinanceArchive archive;
    private final CandleSource rest;
    private final String symbol;
    private final String archiveSymbol;
    private final Timeframe timeframe;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final Set<String> done = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final Deque<RawCandle> page = new ArrayDeque<>();
    private Segment current;
    private ArchiveRows rows;
    /** Open time (epoch ms) from which the current segment's candles are still to be handed out. */
    private long position;
    private long restNext;
    /** REST API pages fetched, saved where {@link ExchangeCandleItemReader} keeps its count. */
    private long pages;
    private String restoredCurrent;
    private long restoredPosition;

    /** Reads {@code symbol} (BASE/QUOTE) open times in {@code [from, to)}, epoch ms UTC, on the timeframe's grid. */
    public ArchiveCandleItemReader(BinanceArchive archive, CandleSource rest, String symbol, Timeframe timeframe,
                                   long from, long to) {
        this.archive = archive;
        this.rest = rest;
        this.symbol = symbol;
        this.archiveSymbol = symbol.replace("/", "");
        this.timeframe = timeframe;
        plan(from, to);
    }

    /** Monthly files for the months the range covers whole, daily files for the rest. */
    private void plan(long from, long to) {
        LocalDate day = day(from);
        while (epochMs(day) < to) {
            YearMonth month = YearMonth.from(day);
            ArchiveFile monthly = ArchiveFile.monthly(archiveSymbol, timeframe, month);
            if (day.getDayOfMonth() == 1 && from <= monthly.start() && monthly.end() <= to) {
                segments.add(new Segment(monthly, monthly.start(), monthly.end()));
                day = month.plusMonths(1).atDay(1);
            } else {
                ArchiveFile daily = ArchiveFile.daily(archiveSymbol, timeframe, day);
                segments.add(new Segment(daily, Math.max(from, daily.start()), Math.min(to, daily.end())));
                day = day.plusDays(1);
            }
        }
    }

    /** The files left out for a wrong checksum, each named with what was wrong. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public RawCandle read() {
        while (true) {
            if (current == null && !next()) {
                return null;
            }
            RawCandle candle = current.file() != null ? fromFile() : fromRest();
            if (candle != null) {
                position = Long.parseLong(candle.openTime()) + 1;
                return candle;
            }
            done.add(current.key());
            current = null;
        }
    }

    /** Starts the next segment not done yet; false when none is left. */
    private boolean next() {
        while (!segments.isEmpty()) {
            Segment s = segments.poll();
            if (done.contains(s.key())) {
                continue;
            }
            position = s.key().equals(restoredCurrent) ? restoredPosition : s.from();
            if (s.file() == null) {
                current = s;
                restNext = position;
                return true;
            }
            try {
                var opened = archive.open(s.file());
                if (opened.isPresent()) {
                    rows = opened.get();
                    current = s;
                    return true;
                }
                notArchived(s);
            } catch (ArchiveChecksumException e) {
                failures.add(e.getMessage());
            }
        }
        return false;
    }

    /** A month not archived yet is asked for day by day, a day not archived yet from the REST API. */
    private void notArchived(Segment s) {
        if (s.file().path().contains("/monthly/")) {
            List<Segment> days = new ArrayList<>();
            for (LocalDate d = day(s.from()); epochMs(d) < s.to(); d = d.plusDays(1)) {
                ArchiveFile daily = ArchiveFile.daily(archiveSymbol, timeframe, d);
                days.add(new Segment(daily, daily.start(), daily.end()));
            }
            days.reversed().forEach(segments::addFirst);
        } else {
            segments.addFirst(new Segment(null, s.from(), s.to()));
        }
    }

    private RawCandle fromFile() {
        while (rows.hasNext()) {
            RawCandle candle = rows.next();
            long t = Long.parseLong(candle.openTime());
            if (t >= position && t >= current.from() && t < current.to()) {
                return candle;
            }
        }
        rows.close();
        rows = null;
        return null;
    }

    private RawCandle fromRest() {
        while (page.isEmpty() && restNext < current.to()) {
            CandlePage p = rest.fetch(symbol, timeframe, restNext, current.to());
            if (p.nextFrom() <= restNext) {
                throw new IllegalStateException(rest.exchange() + " paging did not advance past " + restNext);
            }
            p.candles().stream().filter(c -> Long.parseLong(c.openTime()) >= position).forEach(page::add);
            restNext = p.nextFrom();
            pages++;
        }
        return page.poll();
    }

    @Override
    public void open(ExecutionContext context) {
        if (context.containsKey(DONE)) {
            String list = context.getString(DONE);
            if (!list.isEmpty()) {
                done.addAll(Arrays.asList(list.split(",")));
            }
            restoredCurrent = context.getString(CURRENT, null);
            restoredPosition = context.getLong(POSITION, 0);
            pages = context.getLong(ExchangeCandleItemReader.PAGES, 0);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putString(DONE, String.join(",", done));
        context.putLong(ExchangeCandleItemReader.PAGES, pages);
        if (current != null) {
            context.putString(CURRENT, current.key());
            context.putLong(POSITION, position);
        } else {
            context.remove(CURRENT);
            context.remove(POSITION);
        }
    }

    @Override
    public void close() {
        if (rows != null) {
            rows.close();
            rows = null;
        }
    }

    private static LocalDate day(long epochMs) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }

    private static long epochMs(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
