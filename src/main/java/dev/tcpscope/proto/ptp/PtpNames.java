package dev.tcpscope.proto.ptp;

import java.util.Map;

/** packet-ptp.c's value strings that no field carries, so that {@code tshark -G values} does not list them. */
final class PtpNames {
    private PtpNames() { }

    /** ptp_v2_managementID_infocolumn_vals: the management IDs as the Info column names them. */
    private static final Map<Integer, String> MANAGEMENT_INFO = Map.ofEntries(
            Map.entry(0x0000, "Null management"), Map.entry(0x0001, "Clock description"),
            Map.entry(0x0002, "User description"), Map.entry(0x0003, "Save in non volatile storage"),
            Map.entry(0x0004, "Reset non volatile storage"), Map.entry(0x0005, "Initialize"),
            Map.entry(0x0006, "Fault log"), Map.entry(0x0007, "Fault log reset"),
            Map.entry(0x2000, "Default dataset"), Map.entry(0x2001, "Current dataset"),
            Map.entry(0x2002, "Parent dataset"), Map.entry(0x2003, "Time properties dataset"),
            Map.entry(0x2004, "Port dataset"), Map.entry(0x2005, "Priority 1"), Map.entry(0x2006, "Priority 2"),
            Map.entry(0x2007, "Domain"), Map.entry(0x2008, "Slave only"), Map.entry(0x2009, "Log announce interval"),
            Map.entry(0x200a, "Announce receipt timeout"), Map.entry(0x200b, "Log sync interval"),
            Map.entry(0x200c, "Version number"), Map.entry(0x200d, "Enable port"), Map.entry(0x200e, "Disable port"),
            Map.entry(0x200f, "Time"), Map.entry(0x2010, "Clock accuracy"), Map.entry(0x2011, "UTC properties"),
            Map.entry(0x2012, "Traceability properties"), Map.entry(0x2013, "Timescale properties"),
            Map.entry(0x2014, "Unicast negotiation enable"), Map.entry(0x2015, "Path trace list"),
            Map.entry(0x2016, "Path trace enable"), Map.entry(0x2017, "Grandmaster cluster table"),
            Map.entry(0x2018, "Unicast master table"), Map.entry(0x2019, "Unicast master max table size"),
            Map.entry(0x201a, "Acceptable master table"), Map.entry(0x201b, "Acceptable master table enabled"),
            Map.entry(0x201c, "Acceptable master max table size"), Map.entry(0x201d, "Alternate master"),
            Map.entry(0x201e, "Alternate time offset enable"), Map.entry(0x201f, "Alternate time offset name"),
            Map.entry(0x2020, "Alternate time offset max key"), Map.entry(0x2021, "Alternate time offset properties"),
            Map.entry(0x4000, "Transparent clock default dataset"), Map.entry(0x4001, "Transparent clock port dataset"),
            Map.entry(0x4002, "Primary domain"), Map.entry(0x6000, "Delay mechanism"),
            Map.entry(0x6001, "Log min pdelay req. interval"));

    /** The Info column's name of management ID {@code id}, or null. */
    static String managementInfo(int id) {
        return MANAGEMENT_INFO.get(id);
    }
}
