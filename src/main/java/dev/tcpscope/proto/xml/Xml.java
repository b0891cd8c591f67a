package dev.tcpscope.proto.xml;

import dev.tcpscope.proto.Media;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.Consumer;

/**
 * The eXtensible Markup Language as Wireshark 4.0.17's packet-xml.c shows a body of one of its
 * media types ({@link #MEDIA_TYPES}), or one that data-text-lines hands on because it starts
 * with {@code <?xml}: "/XML" after the Protocol column (the name of a DTD's root element for the
 * three types its DTDs register), nothing in the Info column, and an "eXtensible Markup
 * Language" tree of processing instructions, comments, DOCTYPEs, tags with their attributes and
 * text ({@link XmlWalk}, over the tokens {@link XmlScanner} finds). Its "http" heuristic is
 * disabled by default, so a body without a media type is never XML.
 *
 * <p>The DTDs of /usr/share/wireshark/dtds are not loaded: tshark shows the elements of those
 * documents (an {@code <rss>}, a {@code <presence>} ...) with the same labels but under fields
 * of the DTD's protocol ({@code rss.channel.item}); tcpscope names them {@code xml.tag},
 * {@code xml.attribute} and {@code xml.cdata} as any other element.
 */
public final class Xml implements Media.Dissector {
    public static final Xml DISSECTOR = new Xml();

    private Xml() { }

    /**
     * The media types packet-xml.c registers in 4.0.17's "media_type" table: its default list and
     * the one its DTDs add (mscml.dtd's application/mediaservercontrol+xml). All of them were
     * checked against tshark, which dissects each as XML.
     */
    public static final List<String> MEDIA_TYPES = List.of(
            "text/xml", "text/vnd.wap.wml", "text/vnd.wap.si", "text/vnd.wap.sl", "text/vnd.wap.co", "text/vnd.wap.emn",
            "application/3gpp-ims+xml", "application/atom+xml", "application/auth-policy+xml", "application/ccmp+xml",
            "application/conference-info+xml", "application/cpim-pidf+xml", "application/cpl+xml",
            "application/dds-web+xml", "application/im-iscomposing+xml", "application/load-control+xml",
            "application/mathml+xml", "application/media_control+xml", "application/note+xml", "application/pidf+xml",
            "application/pidf-diff+xml", "application/poc-settings+xml", "application/rdf+xml",
            "application/reginfo+xml", "application/resource-lists+xml", "application/rlmi+xml",
            "application/rls-services+xml", "application/rss+xml", "application/rs-metadata+xml", "application/smil",
            "application/simple-filter+xml", "application/simple-message-summary+xml", "application/simservs+xml",
            "application/soap+xml", "application/vnd.etsi.aoc+xml", "application/vnd.etsi.cug+xml",
            "application/vnd.etsi.iptvcommand+xml", "application/vnd.etsi.iptvdiscovery+xml",
            "application/vnd.etsi.iptvprofile+xml", "application/vnd.etsi.iptvsad-bc+xml",
            "application/vnd.etsi.iptvsad-cod+xml", "application/vnd.etsi.iptvsad-npvr+xml",
            "application/vnd.etsi.iptvservice+xml", "application/vnd.etsi.iptvsync+xml",
            "application/vnd.etsi.iptvueprofile+xml", "application/vnd.etsi.mcid+xml",
            "application/vnd.etsi.overload-control-policy-dataset+xml", "application/vnd.etsi.pstn+xml",
            "application/vnd.etsi.sci+xml", "application/vnd.etsi.simservs+xml", "application/vnd.etsi.tsl+xml",
            "application/vnd.oma.xdm-apd+xml", "application/vnd.oma.fnl+xml",
            "application/vnd.oma.access-permissions-list+xml", "application/vnd.oma.alias-principals-list+xml",
            "application/upp-directory+xml", "application/vnd.oma.xdm-hi+xml", "application/vnd.oma.xdm-rhi+xml",
            "application/vnd.oma.xdm-prefs+xml", "application/vnd.oma.xdcp+xml",
            "application/vnd.oma.bcast.associated-procedure-parameter+xml", "application/vnd.oma.bcast.drm-trigger+xml",
            "application/vnd.oma.bcast.imd+xml", "application/vnd.oma.bcast.notification+xml",
            "application/vnd.oma.bcast.sgdd+xml", "application/vnd.oma.bcast.smartcard-trigger+xml",
            "application/vnd.oma.bcast.sprov+xml", "application/vnd.oma.cab-address-book+xml",
            "application/vnd.oma.cab-feature-handler+xml", "application/vnd.oma.cab-pcc+xml",
            "application/vnd.oma.cab-subs-invite+xml", "application/vnd.oma.cab-user-prefs+xml",
            "application/vnd.oma.dd2+xml", "application/vnd.oma.drm.risd+xml", "application/vnd.oma.group-usage-list+xml",
            "application/vnd.oma.pal+xml", "application/vnd.oma.poc.detailed-progress-report+xml",
            "application/vnd.oma.poc.final-report+xml", "application/vnd.oma.poc.groups+xml",
            "application/vnd.oma.poc.invocation-descriptor+xml", "application/vnd.oma.poc.optimized-progress-report+xml",
            "application/vnd.oma.scidm.messages+xml", "application/vnd.oma.suppnot+xml",
            "application/vnd.oma.xcap-directory+xml", "application/vnd.omads-email+xml", "application/vnd.omads-file+xml",
            "application/vnd.omads-folder+xml", "application/vnd.3gpp.access-transfer-events+xml",
            "application/vnd.3gpp.bsf+xml", "application/vnd.3gpp.comm-div-info+xml", "application/vnd.3gpp.cw+xml",
            "application/vnd.3gpp.iut+xml", "application/vnc.3gpp.iut-config+xml", "application/vnd.3gpp.mcptt-info+xml",
            "application/vnd.3gpp.mcptt-mbms-usage-info+xml", "application/vnd.3gpp.mcptt-location-info+xml",
            "application/vnd.3gpp.mcptt-affiliation-command+xml", "application/vnd.3gpp.mcptt-floor-request+xml",
            "application/vnd.3gpp.mcptt-signed+xml", "application/vnd.3gpp.mcptt-regroup+xml",
            "application/vnd.3gpp.mcdata-info+xml", "application/vnd.3gpp.mcdata-mbms-usage-info+xml",
            "application/vnd.3gpp.mcdata-location-info+xml", "application/vnd.3gpp.mcdata-affiliation-command+xml",
            "application/vnd.3gpp.mcdata-regroup+xml", "application/vnd.3gpp.mcvideo-info+xml",
            "application/vnd.3gpp.mcvideo-mbms-usage-info+xml", "application/vnd.3gpp.mcvideo-location-info+xml",
            "application/vnd.3gpp.mcvideo-affiliation-command+xml", "application/vnd.3gpp.transmission-request+xml",
            "application/vnd.3gpp.mcptt-ue-init-config+xml", "application/vnd.3gpp.mcptt-ue-config+xml",
            "application/vnd.3gpp.mcptt-user-profile+xml", "application/vnd.3gpp.mcptt-service-config+xml",
            "application/vnd.3gpp.mcdata-service-config+xml", "application/vnd.3gpp.mcvideo-service-config+xml",
            "application/vnd.3gpp.mcvideo-ue-config+xml", "application/vnd.3gpp.mcvideo-user-profile+xml",
            "application/vnd.3gpp.mcdata-ue-config+xml", "application/vnd.3gpp.mcdata-user-profile+xml",
            "application/vnd.3gpp.mid-call+xml", "application/vnd.3gpp-prose-pc3ch+xml", "application/vnd.3gpp-prose+xml",
            "application/vnd.3gpp.replication+xml", "application/vnd.3gpp.sms+xml", "application/vnd.3gpp.srvcc-info+xml",
            "application/vnd.3gpp.srvcc-ext+xml", "application/vnd.3gpp.state-and-event-info+xml",
            "application/vnd.3gpp.ussd+xml", "application/vnd.3gpp2.bcmcsinfo+xml", "application/vnd.wv.csp+xml",
            "application/vnd.wv.csp.xml", "application/watcherinfo+xml", "application/xcap-att+xml",
            "application/xcap-caps+xml", "application/xcap-diff+xml", "application/xcap-el+xml",
            "application/xcap-error+xml", "application/xcap-ns+xml", "application/xml", "application/xml-dtd",
            "application/xpidf+xml", "application/xslt+xml", "application/x-crd+xml",
            "application/x-wms-logconnectstats", "application/x-wms-logplaystats", "application/x-wms-sendevent",
            "image/svg+xml", "message/imdn+xml", "application/mediaservercontrol+xml");

    @Override
    public String name() { return "xml"; }

    @Override
    public String protocolColumn() { return "XML"; }

    /**
     * The types a DTD names as its own: the document is then that DTD's, and the column says its
     * root element's name in capitals (presence.dtd, smil.dtd, mscml.dtd).
     */
    @Override
    public String protocolColumn(String mediaType, MemorySegment s, long off, int len) {
        String[] dtd = dtd(mediaType);
        return dtd == null ? "XML" : dtd[2].toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The DTD whose root a media type makes the document's (packet-xml.c's root_ns): its
     * protocol's filter name and title, and its root element's name; null for the others.
     */
    private static String[] dtd(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        return switch (mediaType) {
            case "application/cpim-pidf+xml" -> new String[] {"presence", "presence XML doc (RFC 3863)", "presence"};
            case "application/smil" -> new String[] {"smil", "Synchronized Multimedia Integration Language", "smil"};
            case "application/mediaservercontrol+xml" ->
                    new String[] {"mscml", "Media Server Control Markup Language - draft 07", "MediaServerControl"};
            default -> null;
        };
    }

    @Override
    public boolean accepts(MemorySegment s, long off, int len) {
        return true; // dissect_xml takes whatever it is given
    }

    @Override
    public boolean mayStopShort() { return false; } // it reads only the bytes it has

    @Override
    public String info(String mediaType, MemorySegment s, long off, int len) {
        return ""; // packet-xml.c writes nothing to the Info column
    }

    /**
     * Whether the walk stops at the depth limit: only a body with as many '{@code <}' as levels
     * can reach it (each level is an element that starts with one), so most bodies are not walked.
     */
    @Override
    public boolean endsInBug(String mediaType, MemorySegment s, long off, int len) {
        int opens = 0;
        for (int i = 0; i < len && opens < XmlWalk.MAX_LEVEL - 1; i++) {
            if (dev.tcpscope.proto.Text.u8(s, off + i) == '<') {
                opens++;
            }
        }
        if (opens < XmlWalk.MAX_LEVEL - 1) {
            return false;
        }
        XmlWalk w = new XmlWalk(s, off, len, Tree.NOTHING, null, null);
        w.parse();
        return w.bug() != null;
    }

    @Override
    public boolean tree(Tree root, String mediaType, MemorySegment s, long off, int len, Consumer<String> protocols) {
        String[] dtd = dtd(mediaType);
        Tree document = (dtd == null ? root.protocol("xml", "eXtensible Markup Language") : root.protocol(dtd[0], dtd[1]))
                .at(s, off, len);
        XmlWalk w = new XmlWalk(s, off, len, document, dtd == null ? null : dtd[0], dtd == null ? null : dtd[2]);
        w.parse();
        if (w.bug() != null) {
            // proto.c's DissectorError, shown after the dissection it ended (packet.c's show_exception)
            root.protocol("_ws.malformed", "[Dissector bug, protocol XML: " + w.bug() + "]")
                    .expert("_ws.malformed.dissector_bug", Tree.Severity.ERROR, Tree.Group.MALFORMED, w.bug());
        }
        return true;
    }
}
