/**
 * The TCP stream graphs of Wireshark's Statistics › TCP Stream Graphs: {@link
 * dev.tcpscope.web.graph.StreamGraphs} computes one from a capture as plain data ({@link
 * dev.tcpscope.web.graph.StreamGraph}, for the browser's JSON), {@link dev.tcpscope.web.graph.SvgGraph}
 * draws it, {@link dev.tcpscope.web.graph.GraphCommand} is {@code tcpscope graph}. docs/GRAPHS.md
 * says what each graph plots.
 */
package dev.tcpscope.web.graph;
