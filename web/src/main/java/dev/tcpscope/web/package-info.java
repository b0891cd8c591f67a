/**
 * The web view ({@code tcpscope web}): Wireshark's main window for one capture in a browser, with
 * the teacher beside it, and the TCP stream graphs ({@code tcpscope graph}).
 */
package dev.tcpscope.web;
