package dev.tcpscope.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the partitions of a scan: files in path order, small ones grouped until a partition
 * holds about {@code splitSize} bytes, and — when no selected column needs earlier frames
 * ({@link Splitting}) — a pcap or pcapng file larger than that cut into pieces at record boundaries
 * ({@link PcapIndex}, {@link PcapngIndex}). A pcap piece, or a whole pcap file, whose recorded times all fall outside
 * the query's time range is left out here, before any task reads it.
 */
final class PcapScan implements Scan, Batch {
    private final StructType schema;
    private final ReadSpec spec;
    private final List<String> paths;
    private final long splitSize;

    PcapScan(StructType schema, ReadSpec spec, List<String> paths, long splitSize) {
        this.schema = schema;
        this.spec = spec;
        this.paths = paths;
        this.splitSize = Math.max(1, splitSize);
    }

    @Override
    public StructType readSchema() {
        return schema;
    }

    @Override
    public String description() {
        return "tcpscope pcap scan " + paths + (spec.displayFilter() == null ? "" : " filter " + spec.displayFilter())
                + (spec.time().isAll() ? "" : " time " + spec.time());
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        if (spec.merged()) {
            // one task reads every file, merged in time order: the price of analysing
            // connections that span files exactly as tshark does on the merged capture
            List<CapturePartition.Part> all = new ArrayList<>();
            for (Path file : CaptureFiles.expand(paths)) {
                all.add(CapturePartition.Part.whole(file.toString(), 0));
            }
            return new InputPartition[] {new CapturePartition(all, true)};
        }
        boolean splittable = spec.columns().stream().noneMatch(Splitting::needsHistory);
        List<InputPartition> out = new ArrayList<>();
        List<CapturePartition.Part> group = new ArrayList<>();
        long groupBytes = 0;
        for (Path file : CaptureFiles.expand(paths)) {
            String name = file.toString();
            long size;
            List<PcapIndex.Piece> pieces;
            try {
                size = Files.size(file);
                boolean index = !spec.time().isAll() || (splittable && size > splitSize);
                pieces = index ? PcapIndex.pieces(file, splittable ? splitSize : Long.MAX_VALUE) : null;
            } catch (IOException e) {
                // reported by the task that reads it, as a row or an error
                size = 0;
                pieces = null;
            }
            if (pieces == null) {
                group.add(CapturePartition.Part.whole(name, size));
                groupBytes += size;
            } else if (pieces.size() == 1) {
                PcapIndex.Piece p = pieces.getFirst();
                if (spec.time().overlaps(p.minTime(), p.maxTime())) {
                    group.add(CapturePartition.Part.whole(name, size, p.minTime(), p.maxTime()));
                    groupBytes += size;
                }
            } else {
                for (PcapIndex.Piece p : pieces) {
                    if (spec.time().overlaps(p.minTime(), p.maxTime())) {
                        out.add(new CapturePartition(List.of(CapturePartition.Part.piece(name, p)), false));
                    }
                }
            }
            if (groupBytes >= splitSize) {
                out.add(new CapturePartition(List.copyOf(group), false));
                group.clear();
                groupBytes = 0;
            }
        }
        if (!group.isEmpty()) {
            out.add(new CapturePartition(List.copyOf(group), false));
        }
        return out.toArray(new InputPartition[0]);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new Factory(spec);
    }

    private record Factory(ReadSpec spec) implements PartitionReaderFactory {
        @Override
        public PartitionReader<InternalRow> createReader(InputPartition partition) {
            return new FrameRows(spec, (CapturePartition) partition);
        }
    }

}
