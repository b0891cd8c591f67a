package dev.tcpscope.proto.ntlmssp;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-ntlmssp.c's and packet-gssapi.c's fields with Wireshark 4.0.17's names, titles and types
 * ({@code tshark -G fields}, all of them, so that filters naming one are accepted); their values
 * are the items of the tree of the protocol that carried the message (HTTP's or LDAP's).
 */
public final class NtlmsspFields {
    private NtlmsspFields() { }

    public static List<Field> all() {
        return List.of(
                f("ntlmssp", "NTLM Secure Service Provider", FieldType.PROTOCOL, 0, Base.NONE),
                f("gss-api", "GSS-API Generic Security Service Application Program Interface", FieldType.PROTOCOL, 0, Base.NONE),
                f("gss-api.OID", "OID", FieldType.STRING, 0, Base.NONE),
                f("gss-api.token_object", "Token object", FieldType.BYTES, 0, Base.NONE),
                f("gss-api.auth_verifier", "Authentication verifier", FieldType.BYTES, 0, Base.NONE),
                f("gss-api.auth_credentials", "Authentication credentials", FieldType.BYTES, 0, Base.NONE),
                f("gss-api.segment", "GSSAPI Segment", FieldType.FRAMENUM, 0, Base.NONE),
                f("gss-api.segment.segments", "GSSAPI Segments", FieldType.NONE, 0, Base.NONE),
                f("gss-api.segment.overlap", "Fragment overlap", FieldType.BOOLEAN, 0, Base.NONE),
                f("gss-api.segment.overlap.conflict", "Conflicting data in fragment overlap", FieldType.BOOLEAN, 0, Base.NONE),
                f("gss-api.segment.multipletails", "Multiple tail fragments found", FieldType.BOOLEAN, 0, Base.NONE),
                f("gss-api.segment.toolongfragment", "Fragment too long", FieldType.BOOLEAN, 0, Base.NONE),
                f("gss-api.segment.error", "Defragmentation error", FieldType.FRAMENUM, 0, Base.NONE),
                f("gss-api.segment.count", "Fragment count", FieldType.UINT, 32, Base.DEC),
                f("gss-api.reassembled_in", "Reassembled In", FieldType.FRAMENUM, 0, Base.NONE),
                f("gss-api.reassembled.length", "Reassembled GSSAPI length", FieldType.UINT, 32, Base.DEC),
                f("gssapi.unknown_header", "Unknown header", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.identifier", "NTLMSSP identifier", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.messagetype", "NTLM Message Type", FieldType.UINT, 32, Base.HEX),
                f("ntlmssp.negotiateflags", "Negotiate Flags", FieldType.UINT, 32, Base.HEX),
                f("ntlmssp.negotiateunicode", "Negotiate UNICODE", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiateoem", "Negotiate OEM", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.requesttarget", "Request Target", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiate00000008", "Request 0x00000008", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatesign", "Negotiate Sign", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiateseal", "Negotiate Seal", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatedatagram", "Negotiate Datagram", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatelmkey", "Negotiate Lan Manager Key", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiate00000100", "Negotiate 0x00000100", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatentlm", "Negotiate NTLM key", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatentonly", "Negotiate NT Only", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiateanonymous", "Negotiate Anonymous", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiateoemdomainsupplied", "Negotiate OEM Domain Supplied", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiateoemworkstationsupplied", "Negotiate OEM Workstation Supplied", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiate00004000", "Negotiate 0x00004000", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatealwayssign", "Negotiate Always Sign", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.targettypedomain", "Target Type Domain", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.targettypeserver", "Target Type Server", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.targettypeshare", "Target Type Share", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatentlm2", "Negotiate Extended Security", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiateidentify", "Negotiate Identify", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatent00200000", "Negotiate 0x00200000", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.requestnonntsession", "Request Non-NT Session", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatetargetinfo", "Negotiate Target Info", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatent01000000", "Negotiate 0x01000000", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiateversion", "Negotiate Version", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatent04000000", "Negotiate 0x04000000", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatent08000000", "Negotiate 0x08000000", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatent10000000", "Negotiate 0x10000000", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiate128", "Negotiate 128", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiatekeyexch", "Negotiate Key Exchange", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiate56", "Negotiate 56", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.negotiate.callingworkstation", "Calling workstation name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.negotiate.domain", "Calling workstation domain", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.ntlmclientchallenge", "LMv2 Client Challenge", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.ntlmserverchallenge", "NTLM Server Challenge", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.reserved", "Reserved", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.challenge.target_name", "Target Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.auth.domain", "Domain name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.auth.username", "User name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.auth.hostname", "Host name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.auth.lmresponse", "Lan Manager Response", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.auth.ntresponse", "NTLM Response", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.auth.sesskey", "Session Key", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.string.length", "Length", FieldType.UINT, 16, Base.DEC),
                f("ntlmssp.string.maxlen", "Maxlen", FieldType.UINT, 16, Base.DEC),
                f("ntlmssp.string.offset", "Offset", FieldType.UINT, 32, Base.DEC),
                f("ntlmssp.blob.length", "Length", FieldType.UINT, 16, Base.DEC),
                f("ntlmssp.blob.maxlen", "Maxlen", FieldType.UINT, 16, Base.DEC),
                f("ntlmssp.blob.offset", "Offset", FieldType.UINT, 32, Base.DEC),
                f("ntlmssp.version", "Version", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.version.major", "Major Version", FieldType.UINT, 8, Base.DEC),
                f("ntlmssp.version.minor", "Minor Version", FieldType.UINT, 8, Base.DEC),
                f("ntlmssp.version.build_number", "Build Number", FieldType.UINT, 16, Base.DEC),
                f("ntlmssp.version.ntlm_current_revision", "NTLM Current Revision", FieldType.UINT, 8, Base.DEC),
                f("ntlmssp.challenge.target_info", "Target Info", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.challenge.target_info.length", "Length", FieldType.UINT, 16, Base.DEC),
                f("ntlmssp.challenge.target_info.maxlen", "Maxlen", FieldType.UINT, 16, Base.DEC),
                f("ntlmssp.challenge.target_info.offset", "Offset", FieldType.UINT, 32, Base.DEC),
                f("ntlmssp.challenge.target_info.item.type", "Target Info Item Type", FieldType.UINT, 16, Base.HEX),
                f("ntlmssp.challenge.target_info.item.length", "Target Info Item Length", FieldType.UINT, 16, Base.DEC),
                f("ntlmssp.challenge.target_info.end", "List End", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.challenge.target_info.nb_computer_name", "NetBIOS Computer Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.challenge.target_info.nb_domain_name", "NetBIOS Domain Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.challenge.target_info.dns_computer_name", "DNS Computer Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.challenge.target_info.dns_domain_name", "DNS Domain Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.challenge.target_info.dns_tree_name", "DNS Tree Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.challenge.target_info.flags", "Flags", FieldType.UINT, 32, Base.HEX),
                f("ntlmssp.challenge.target_info.timestamp", "Timestamp", FieldType.ABSOLUTE_TIME, 0, Base.NONE),
                f("ntlmssp.challenge.target_info.restrictions", "Restrictions", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.challenge.target_info.target_name", "Target Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.challenge.target_info.channel_bindings", "Channel Bindings", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.item.type", "NTLMV2 Response Item Type", FieldType.UINT, 16, Base.HEX),
                f("ntlmssp.ntlmv2_response.item.length", "NTLMV2 Response Item Length", FieldType.UINT, 16, Base.DEC),
                f("ntlmssp.ntlmv2_response.end", "List End", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.nb_computer_name", "NetBIOS Computer Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.nb_domain_name", "NetBIOS Domain Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.dns_computer_name", "DNS Computer Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.dns_domain_name", "DNS Domain Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.dns_tree_name", "DNS Tree Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.flags", "Flags", FieldType.UINT, 32, Base.HEX),
                f("ntlmssp.ntlmv2_response.timestamp", "Timestamp", FieldType.ABSOLUTE_TIME, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.restrictions", "Restrictions", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.target_name", "Target Name", FieldType.STRING, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.channel_bindings", "Channel Bindings", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.authenticate.mic", "MIC", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.verf", "NTLMSSP Verifier", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.verf.vers", "Version Number", FieldType.UINT, 32, Base.DEC),
                f("ntlmssp.verf.body", "Verifier Body", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.verf.randompad", "Random Pad", FieldType.UINT, 32, Base.HEX),
                f("ntlmssp.verf.crc32", "Verifier CRC32", FieldType.UINT, 32, Base.HEX),
                f("ntlmssp.verf.hmacmd5", "HMAC MD5", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.verf.sequence", "Sequence", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response", "NTLMv2 Response", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.ntproofstr", "NTProofStr", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.rversion", "Response Version", FieldType.UINT, 8, Base.DEC),
                f("ntlmssp.ntlmv2_response.hirversion", "Hi Response Version", FieldType.UINT, 8, Base.DEC),
                f("ntlmssp.ntlmv2_response.z", "Z", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.pad", "padding", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.time", "Time", FieldType.ABSOLUTE_TIME, 0, Base.NONE),
                f("ntlmssp.ntlmv2_response.chal", "NTLMv2 Client Challenge", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL", "NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL.Version", "Version", FieldType.UINT, 32, Base.HEX),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL.Flags", "Flags", FieldType.UINT, 32, Base.HEX),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL.LM_PRESENT", "lm_present", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL.NT_PRESENT", "nt_present", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL.REMOVED", "removed", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL.CREDKEY_PRESENT", "credkey_present", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL.SHA_PRESENT", "sha_present", FieldType.BOOLEAN, 32, Base.NONE),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL.CredentialKey", "CredentialKey", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL.CredentialKeyType", "CredentialKeyType", FieldType.UINT, 32, Base.DEC),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL.EncryptedCredsSize", "EncryptedCredsSize", FieldType.UINT, 32, Base.DEC),
                f("ntlmssp.NTLM_REMOTE_SUPPLEMENTAL_CREDENTIAL.EncryptedCreds", "EncryptedCreds", FieldType.BYTES, 0, Base.NONE),
                f("ntlmssp.v2_key_too_long", "NTLM v2 key is too long", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.blob.length.too_long", "Session blob length too long", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.target_info_attr.unknown", "unknown NTLMSSP Target Info Attribute", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.target_info_attr.invalid", "invalid NTLMSSP Target Info AvPairs", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.messagetype.unknown", "Unrecognized NTLMSSP Message", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.authenticated", "Authenticated NTHASH", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.sessionbasekey", "SessionBaseKey", FieldType.NONE, 0, Base.NONE),
                f("ntlmssp.sessionkey", "SessionKey", FieldType.NONE, 0, Base.NONE));
    }

    private static Field f(String name, String title, FieldType type, int bits, Base base) {
        return Collected.field(name, title, type, bits, base, NtlmsspFields::of);
    }

    /** The tree items of the protocol that carried NTLMSSP in this frame: HTTP's, else LDAP's, else DCE/RPC's. */
    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Collected c = dev.tcpscope.proto.http.Http.treeFields(d);
        if (c != null && (c.has("ntlmssp") || c.has("gss-api"))) {
            return c;
        }
        dev.tcpscope.proto.ldap.Ldap l = Collected.dissector(d, "ldap", dev.tcpscope.proto.ldap.Ldap.class);
        Collected lc = l == null ? null : l.treeFields(d.frame().number());
        if (lc != null) {
            return lc;
        }
        return dev.tcpscope.proto.dcerpc.Dcerpc.treeFields(d);
    }
}
