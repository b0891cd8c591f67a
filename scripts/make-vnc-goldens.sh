#!/usr/bin/env bash
# Usage: scripts/make-vnc-goldens.sh
#
# VNC as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/vnc/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with
# FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). VncTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="zeek-rfb-vnc-mac-to-linux.pcap zeek-rfb-vncmac.pcap zeek-rfb-vnc-scanner.pcap synth-vnc.pcap
  synth-vnc-heuristic.pcap"
FILTER='vnc'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info vnc vnc.server_proto_ver vnc.client_proto_ver
  vnc.num_security_types vnc.security_type vnc.server_security_type vnc.client_security_type
  vnc.auth_challenge vnc.auth_response vnc.auth_result vnc.auth_error_len vnc.auth_error
  vnc.ard_auth_generator vnc.ard_auth_key_len vnc.share_desktop_flag vnc.width vnc.height
  vnc.server_bits_per_pixel vnc.server_depth vnc.desktop_name_len vnc.desktop_name
  vnc.client_message_type vnc.server_message_type vnc.client_bits_per_pixel vnc.client_depth
  vnc.client_set_encodings_num vnc.client_set_encodings_encoding_type vnc.update_req_incremental
  vnc.update_req_width vnc.key_down vnc.key vnc.button_1_pos vnc.pointer_x_pos vnc.pointer_y_pos
  vnc.fb_update_num_rects vnc.fb_update_x_pos vnc.fb_update_width vnc.fb_update_encoding_type
  vnc.cursor_encoding_pixels vnc.cursor_encoding_bitmask vnc.raw_pixel_data vnc.rre_num_subrects
  vnc.hextile_subencoding vnc.hextile_num_subrects vnc.zrle_len vnc.zrle_subencoding vnc.zrle_palette
  vnc.tight_rect_type vnc.tight_image_len vnc.tight_fill_color vnc.colormap_groups vnc.server_cut_text_len
  vnc.client_cut_text vnc.fence_flags vnc.screen_num vnc.num_auth_types vnc.tight_auth_code vnc.encoding_type
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-vnc-goldens.sh src/test/resources/golden/vnc "$CAPTURES" "$FILTER" "$FIELDS" expert
