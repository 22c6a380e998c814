package org.fleettracker.simulator.bench;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a phase's report from its window and the fixes' logs, once the tracker has stopped and the stored times
 * are in the logs. A phase covers, per vehicle, the seqs from {@code fromSeqs[i]} up to {@code toSeqs[i]}
 * (exclusive); its rates and latencies count only fixes published in the measured window.
 */
final class PhaseAnalysis {

    /** Thread groups listed per phase. */
    private static final int BUSIEST_THREADS = 6;

    private PhaseAnalysis() {}

    static BenchReport.Pipeline pipeline(
            int targetRate,
            Feeder.Window window,
            Publishers publishers,
            StateWatcher states,
            long[] fromSeqs,
            long[] toSeqs) {
        Histogram toAck = Percentiles.newHistogram();
        Histogram toCommit = Percentiles.newHistogram();
        Histogram toState = Percentiles.newHistogram();
        long start = window.start().micros();
        long end = window.end().micros();
        long committedInWindow = 0;
        for (int i = 0; i < publishers.size(); i++) {
            FixLog log = publishers.log(i);
            for (long seq = fromSeqs[i]; seq < toSeqs[i]; seq++) {
                long published = log.publishMicros(seq);
                long stored = log.storedMicros(seq);
                if (stored >= start && stored < end) {
                    committedInWindow++;
                }
                if (published < start || published >= end) {
                    continue;
                }
                if (log.ackMicros(seq) != 0) {
                    Percentiles.record(toAck, published, log.ackMicros(seq));
                }
                if (stored != 0) {
                    Percentiles.record(toCommit, published, stored);
                }
            }
            // Only a seq's first state counts: the fleet rules' tick publishes the state again when, for example,
            // the vehicle turns idle, with the seq of its latest fix.
            Set<Long> seen = new HashSet<>();
            for (StateWatcher.StateArrival arrival : states.arrivals(i)) {
                long seq = arrival.seq();
                long published = log.publishMicros(seq);
                boolean inPhase = seq >= fromSeqs[i] && seq < toSeqs[i];
                if (seen.add(seq) && inPhase && published >= start && published < end) {
                    Percentiles.record(toState, published, arrival.receivedMicros());
                }
            }
        }
        Feeder.Snapshot first = window.start();
        Feeder.Snapshot last = window.end();
        double batches = last.batches() - first.batches();
        return new BenchReport.Pipeline(
                targetRate,
                window.seconds(),
                window.warmupSeconds(),
                compilerCores(window),
                window.perSecond(first.links().published(), last.links().published()),
                window.perSecond(first.links().acknowledged(), last.links().acknowledged()),
                committedInWindow / window.seconds(),
                perMessage(last.cpuMicros() - first.cpuMicros(), committedInWindow),
                batches > 0 ? committedInWindow / batches : 0,
                batches > 0 ? (last.batchSeconds() - first.batchSeconds()) * 1_000 / batches : 0,
                last.links().quotaRetries() - first.links().quotaRetries(),
                Percentiles.of(toAck),
                Percentiles.of(toCommit),
                Percentiles.of(toState),
                busiestThreads(window));
    }

    static BenchReport.Transport transport(Feeder.Window window) {
        Feeder.Snapshot first = window.start();
        Feeder.Snapshot last = window.end();
        long received = last.delivered() - first.delivered();
        return new BenchReport.Transport(
                window.seconds(),
                window.warmupSeconds(),
                compilerCores(window),
                window.perSecond(first.links().published(), last.links().published()),
                window.perSecond(first.links().acknowledged(), last.links().acknowledged()),
                received / window.seconds(),
                perMessage(last.cpuMicros() - first.cpuMicros(), received),
                last.links().quotaRetries() - first.links().quotaRetries(),
                busiestThreads(window));
    }

    private static @Nullable Double compilerCores(Feeder.Window window) {
        return Double.isNaN(window.compilerCores()) ? null : window.compilerCores();
    }

    /** Counts the lost fixes: acknowledged by the broker but without a row; seqs from the publishers' first. */
    static long lost(Publishers publishers, long[] toSeqs) {
        long lost = 0;
        for (int i = 0; i < publishers.size(); i++) {
            FixLog log = publishers.log(i);
            for (long seq = publishers.firstSeq(); seq < toSeqs[i]; seq++) {
                if (log.ackMicros(seq) != 0 && log.storedMicros(seq) == 0) {
                    lost++;
                }
            }
        }
        return lost;
    }

    private static double perMessage(long cpuMicros, long messages) {
        return messages > 0 ? (double) cpuMicros / messages : 0;
    }

    private static List<BenchReport.ThreadCpu> busiestThreads(Feeder.Window window) {
        Map<String, Long> before = window.start().threadCpuMicros();
        List<BenchReport.ThreadCpu> threads = new ArrayList<>();
        double wallMicros = window.seconds() * 1e6;
        window.end()
                .threadCpuMicros()
                .forEach((name, micros) -> threads.add(
                        new BenchReport.ThreadCpu(name, (micros - before.getOrDefault(name, 0L)) / wallMicros)));
        threads.sort(
                Comparator.comparingDouble(BenchReport.ThreadCpu::coreFraction).reversed());
        return List.copyOf(threads.subList(0, Math.min(BUSIEST_THREADS, threads.size())));
    }
}
