package dev.tcpscope.proto;

import java.util.List;

/**
 * A protocol whose PDUs tcp_dissect_pdus hands over: TCP's "[PDU Size: N]" items come from its
 * list of the frame's PDUs ({@link Items#pduSizes}: the first call's before TCP's segment data
 * when it got a reassembled PDU, the later calls' after it).
 */
public interface TcpPdus extends LayerTree {
    /** The PDUs this protocol dissected in {@code frame}, in order; empty when it shows nothing there. */
    List<Items.PduSize> pduSizes(long frame);

    @Override
    default void underTcp(long frame, Tree tcp) {
        Items.pduSizes(tcp, pduSizes(frame), true);
    }

    @Override
    default void underTcpAfterData(long frame, Tree tcp) {
        Items.pduSizes(tcp, pduSizes(frame), false);
    }
}
