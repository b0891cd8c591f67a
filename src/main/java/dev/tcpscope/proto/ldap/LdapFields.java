package dev.tcpscope.proto.ldap;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.ArrayList;
import java.util.List;

/**
 * packet-ldap.c's fields that tcpscope's LDAP tree produces, with Wireshark 4.0's names, titles
 * and types ({@code tshark -G fields}); their values are the detail tree's items of the frame.
 */
public final class LdapFields {
    private LdapFields() { }

    private static final String[][] FIELDS = {
        {"ldap.sasl_buffer_length", "SASL Buffer Length", "UINT"},
        {"ldap.response_in", "Response In", "FRAMENUM"},
        {"ldap.response_to", "Response To", "FRAMENUM"},
        {"ldap.time", "Time", "RELATIVE_TIME"},
        {"ldap.guid", "GUID", "STRING"},
        {"ldap.LDAPMessage_element", "LDAPMessage", "NONE"},
        {"ldap.oid", "OID", "STRING"},
        {"ldap.SearchControlValue_element", "SearchControlValue", "NONE"},
        {"ldap.SortKeyList", "SortKeyList", "UINT"},
        {"ldap.messageID", "messageID", "UINT"},
        {"ldap.protocolOp", "protocolOp", "UINT"},
        {"ldap.controls", "controls", "UINT"},
        {"ldap.bindRequest_element", "bindRequest", "NONE"},
        {"ldap.bindResponse_element", "bindResponse", "NONE"},
        {"ldap.unbindRequest_element", "unbindRequest", "NONE"},
        {"ldap.searchRequest_element", "searchRequest", "NONE"},
        {"ldap.searchResEntry_element", "searchResEntry", "NONE"},
        {"ldap.searchResDone_element", "searchResDone", "NONE"},
        {"ldap.searchResRef", "searchResRef", "UINT"},
        {"ldap.modifyRequest_element", "modifyRequest", "NONE"},
        {"ldap.modifyResponse_element", "modifyResponse", "NONE"},
        {"ldap.addRequest_element", "addRequest", "NONE"},
        {"ldap.addResponse_element", "addResponse", "NONE"},
        {"ldap.delRequest", "delRequest", "STRING"},
        {"ldap.delResponse_element", "delResponse", "NONE"},
        {"ldap.modDNRequest_element", "modDNRequest", "NONE"},
        {"ldap.modDNResponse_element", "modDNResponse", "NONE"},
        {"ldap.compareRequest_element", "compareRequest", "NONE"},
        {"ldap.compareResponse_element", "compareResponse", "NONE"},
        {"ldap.abandonRequest", "abandonRequest", "UINT"},
        {"ldap.extendedReq_element", "extendedReq", "NONE"},
        {"ldap.extendedResp_element", "extendedResp", "NONE"},
        {"ldap.intermediateResponse_element", "intermediateResponse", "NONE"},
        {"ldap.AttributeDescription", "AttributeDescription", "STRING"},
        {"ldap.attributeDesc", "attributeDesc", "STRING"},
        {"ldap.assertionValue", "assertionValue", "STRING"},
        {"ldap.type", "type", "STRING"},
        {"ldap.vals", "vals", "UINT"},
        {"ldap.AttributeValue", "AttributeValue", "BYTES"},
        {"ldap.resultCode", "resultCode", "UINT"},
        {"ldap.matchedDN", "matchedDN", "STRING"},
        {"ldap.errorMessage", "errorMessage", "STRING"},
        {"ldap.referral", "referral", "UINT"},
        {"ldap.LDAPURL", "LDAPURL", "STRING"},
        {"ldap.Control_element", "Control", "NONE"},
        {"ldap.controlType", "controlType", "STRING"},
        {"ldap.criticality", "criticality", "BOOLEAN"},
        {"ldap.controlValue", "controlValue", "BYTES"},
        {"ldap.version", "version", "UINT"},
        {"ldap.name", "name", "STRING"},
        {"ldap.authentication", "authentication", "UINT"},
        {"ldap.simple", "simple", "STRING"},
        {"ldap.sasl_element", "sasl", "NONE"},
        {"ldap.ntlmsspNegotiate", "ntlmsspNegotiate", "BYTES"},
        {"ldap.ntlmsspAuth", "ntlmsspAuth", "BYTES"},
        {"ldap.mechanism", "mechanism", "STRING"},
        {"ldap.credentials", "credentials", "BYTES"},
        {"ldap.serverSaslCreds", "serverSaslCreds", "BYTES"},
        {"ldap.baseObject", "baseObject", "STRING"},
        {"ldap.scope", "scope", "UINT"},
        {"ldap.derefAliases", "derefAliases", "UINT"},
        {"ldap.sizeLimit", "sizeLimit", "UINT"},
        {"ldap.timeLimit", "timeLimit", "UINT"},
        {"ldap.typesOnly", "typesOnly", "BOOLEAN"},
        {"ldap.filter", "filter", "UINT"},
        {"ldap.attributes", "attributes", "UINT"},
        {"ldap.and", "and", "UINT"},
        {"ldap.and_item", "and item", "UINT"},
        {"ldap.or", "or", "UINT"},
        {"ldap.or_item", "or item", "UINT"},
        {"ldap.not", "not", "UINT"},
        {"ldap.equalityMatch_element", "equalityMatch", "NONE"},
        {"ldap.substrings_element", "substrings", "NONE"},
        {"ldap.greaterOrEqual_element", "greaterOrEqual", "NONE"},
        {"ldap.lessOrEqual_element", "lessOrEqual", "NONE"},
        {"ldap.present", "present", "STRING"},
        {"ldap.approxMatch_element", "approxMatch", "NONE"},
        {"ldap.extensibleMatch_element", "extensibleMatch", "NONE"},
        {"ldap.substrings", "substrings", "UINT"},
        {"ldap.substrings_item", "substrings item", "UINT"},
        {"ldap.initial", "initial", "STRING"},
        {"ldap.any", "any", "STRING"},
        {"ldap.final", "final", "STRING"},
        {"ldap.matchingRule", "matchingRule", "STRING"},
        {"ldap.matchValue", "matchValue", "STRING"},
        {"ldap.dnAttributes", "dnAttributes", "BOOLEAN"},
        {"ldap.objectName", "objectName", "STRING"},
        {"ldap.PartialAttributeList_item_element", "PartialAttributeList item", "NONE"},
        {"ldap.object", "object", "STRING"},
        {"ldap.modification", "modification", "UINT"},
        {"ldap.modification_item_element", "modification item", "NONE"},
        {"ldap.operation", "operation", "UINT"},
        {"ldap.modification_element", "modification", "NONE"},
        {"ldap.entry", "entry", "STRING"},
        {"ldap.AttributeList_item_element", "AttributeList item", "NONE"},
        {"ldap.newrdn", "newrdn", "STRING"},
        {"ldap.deleteoldrdn", "deleteoldrdn", "BOOLEAN"},
        {"ldap.newSuperior", "newSuperior", "STRING"},
        {"ldap.ava_element", "ava", "NONE"},
        {"ldap.requestName", "requestName", "STRING"},
        {"ldap.requestValue", "requestValue", "BYTES"},
        {"ldap.responseName", "responseName", "STRING"},
        {"ldap.response", "response", "BYTES"},
        {"ldap.responseValue", "responseValue", "BYTES"},
        {"ldap.size", "size", "INT"},
        {"ldap.cookie", "cookie", "BYTES"},
        {"ldap.SortKeyList_item_element", "SortKeyList item", "NONE"},
        {"ldap.attributeType", "attributeType", "STRING"},
        {"ldap.orderingRule", "orderingRule", "STRING"},
        {"ldap.reverseOrder", "reverseOrder", "BOOLEAN"},
        {"ldap.exceeded_filter_length", "Filter length exceeds number. Giving up", "NONE"},
        {"ldap.too_many_filter_elements", "Found more than %%u filter elements. Giving up.", "NONE"},
    };

    public static List<Field> all() {
        List<Field> f = new ArrayList<>();
        f.add(Collected.field("ldap", "Lightweight Directory Access Protocol", FieldType.PROTOCOL, 0, LdapFields::of));
        for (String[] r : FIELDS) {
            FieldType t = FieldType.valueOf(r[2]);
            f.add(Collected.field(r[0], r[1], t, t == FieldType.UINT || t == FieldType.INT ? 32 : 0, LdapFields::of));
        }
        return f;
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Ldap l = Collected.dissector(d, "ldap", Ldap.class);
        return l == null ? null : l.treeFields(d.frame().number());
    }
}
