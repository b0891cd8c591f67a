#!/usr/bin/env bash
# Usage: scripts/corpus-check.sh [--plain] [--out DIR] [--jobs N] CAPTURE_DIR
#
# Runs `$TCPSCOPE read F` (TCPSCOPE defaults to ./tcpscope) and `tshark -r F` under the
# profile of the protocols tcpscope dissects (scripts/tshark-profile.sh) over every capture below
# CAPTURE_DIR, and compares the two stdouts line by line (line i against line i). Prints, per
# file: lines, identical lines and share; then overall figures and a final summary line:
#   corpus: X/Y lines identical (P%) over N files; analysis-labelled lines apart: a/b; all lines: x/y (p%); crashes: c
#
# --plain: tshark runs with no profile at all (an empty configuration directory: every protocol
# on, as a user's fresh tshark), the figure users see. Each line is also attributed to the value
# of tshark's Protocol column (from a second run, `tshark -T fields -e _ws.col.Protocol`), and a
# table of lines and identical lines per Protocol value follows the summary, with the files
# where a TCP or HTTP line differs listed apart (every such line must match; see the known gaps
# in README's corpus section).
#
# - Only files whose link types tcpscope dissects (ether, ppp, null, loop, linux-sll, linux-sll2,
#   rawip, rawip4, rawip6) count toward the overall figure; the others only must not crash
#   (exit 0, or exit 1 with a one-line error) and are listed apart.
# - Lines whose tshark Info carries a TCP analysis label ([TCP Retransmission], [TCP Dup ACK ...])
#   are counted apart: TCP analysis is a later piece of work.
# - Crashes: a Java stack trace on stderr ("Exception" or a "\tat " line), an exit code other
#   than 0/1, or a timeout (60 s per run). A file tshark cannot read must make tcpscope exit 1
#   with a one-line error (counted as a crash otherwise).
# - Per-file outputs and diffs go to --out (default target/corpus/): <file>.diff shows the first
#   differing lines; results.tsv holds the raw figures.
#
# Plumbing check while `tcpscope read` does not exist yet: a stand-in that runs tshark under the
# same profile (this script exports CC_PROFILE) must give 100% identical lines; the files
# tshark cannot read are then reported, rightly, since tshark exits 2 where tcpscope must exit 1:
#   printf '#!/bin/sh\n[ "$1" = read ] || exit 0\nshift; XDG_CONFIG_HOME=$CC_PROFILE exec tshark -r "$@" 2>/dev/null\n' >/tmp/stand-in.sh
#   chmod +x /tmp/stand-in.sh; TCPSCOPE=/tmp/stand-in.sh scripts/corpus-check.sh captures
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

out=$here/target/corpus
jobs=2
plain=
while [ $# -gt 0 ]; do
  case "$1" in
    --plain) plain=1; shift ;;
    --out) out=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --summary) shift ;;   # the summary line is always printed last
    -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
    -*) echo "corpus-check: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 [--plain] [--out DIR] [--jobs N] CAPTURE_DIR" >&2
  exit 2
fi
dir=$(cd "$1" && pwd)
export TCPSCOPE=${TCPSCOPE:-$here/tcpscope}
export CC_TIMEOUT=${CC_TIMEOUT:-60}
rm -rf "$out"; mkdir -p "$out/files"
out=$(cd "$out" && pwd)
export CC_OUT=$out CC_DIR=$dir
export CC_PROFILE=$out/profile CC_PLAIN=$plain
if [ -n "$plain" ]; then
  mkdir -p "$CC_PROFILE"   # empty: tshark's defaults, whatever the user's own configuration holds
else
  "$here/scripts/tshark-profile.sh" "$CC_PROFILE"
fi

# Make sure a launcher that builds on first use does so once, not in parallel.
"$TCPSCOPE" --version >/dev/null 2>&1 || true

is_capture() {
  local f=$1
  case "$f" in
    *.txt|*.out|*.md|*.json|*.py|*.lua|*.c|*.h|*.sh|*.java|*.rs|*.go|*.log|*.yaml|*.yml|*.rules|*.html|*.csv|*.tsv) return 1 ;;
    *.pcap|*.pcapng|*.cap|*.gz|*.ntar|*.trace|*.dmp|*.zst|*.pcapng.gz|*.pcap.gz) return 0 ;;
  esac
  # Otherwise by magic: pcap (4 byte orders/variants), pcapng, gzip, zstd.
  local m
  m=$(head -c 4 "$f" 2>/dev/null | od -An -tx1 | tr -d ' \n')
  case "$m" in
    d4c3b2a1|a1b2c3d4|4d3cb2a1|a1b23c4d|34cdb2a1|a1b2cd34|0a0d0d0a|1f8b*|28b52ffd) return 0 ;;
  esac
  return 1
}

check_one() {
  local f=$1 rel key lt cat
  rel=${f#"$CC_DIR"/}
  key=$(printf '%s' "$rel" | tr '/ ' '__')
  local d=$CC_OUT/files/$key
  # Link types: capinfos -E, or per interface (-I) when the file has several.
  lt=$(capinfos -T -r -E -m "$f" 2>/dev/null | tail -1 | awk -F, '{print $NF}')
  if [ "$lt" = "per-packet" ]; then
    lt=$(capinfos -I "$f" 2>/dev/null | sed -n 's/.*Encapsulation = .*([0-9]* - \(.*\))$/\1/p' | sort -u | paste -sd, -)
  fi
  [ -n "$lt" ] || lt=unknown
  cat=dissected
  local t
  for t in ${lt//,/ }; do
    case "$t" in ether|ppp|null|loop|linux-sll|linux-sll2|rawip|rawip4|rawip6) ;; *) cat=other ;; esac
  done

  XDG_CONFIG_HOME=$CC_PROFILE timeout "$CC_TIMEOUT" tshark -r "$f" >"$d.tshark" 2>"$d.tshark.err"
  local trc=$?
  sed -i '/^Running as user "root" and group "root"\. This could be dangerous\.$/d' "$d.tshark.err"
  if [ -n "$CC_PLAIN" ]; then
    XDG_CONFIG_HOME=$CC_PROFILE timeout "$CC_TIMEOUT" tshark -r "$f" -T fields -e _ws.col.Protocol >"$d.proto" 2>/dev/null
  else
    : >"$d.proto"
  fi
  timeout "$CC_TIMEOUT" "$TCPSCOPE" read "$f" >"$d.tcpscope" 2>"$d.tcpscope.err"
  local src=$?

  local problems=()
  [ "$src" -eq 124 ] && problems+=("timeout")
  if grep -q -e 'Exception' -e $'^\tat ' "$d.tcpscope.err"; then problems+=("stack-trace"); fi
  if [ "$src" -ne 0 ] && [ "$src" -ne 1 ] && [ "$src" -ne 124 ]; then problems+=("exit-$src"); fi
  local errlines
  errlines=$(wc -l <"$d.tcpscope.err")
  if [ "$trc" -ne 0 ] && [ "$trc" -ne 124 ]; then
    # tshark could not read (all of) the file: tcpscope must exit 1 with one line on stderr.
    if [ "$src" -ne 1 ] || [ "$errlines" -ne 1 ]; then problems+=("tshark-rc-$trc-but-tcpscope-rc-$src-with-$errlines-err-lines"); fi
  elif [ "$src" -eq 1 ] && [ "$errlines" -ne 1 ]; then
    problems+=("rc-1-with-$errlines-err-lines")
  fi

  # Line-by-line comparison; lines tshark labels with TCP analysis are counted apart.
  local fig
  fig=$(awk -v T="$d.tshark" -v S="$d.tcpscope" -v P="$d.proto" -v PO="$d.protos" '
    BEGIN {
      re = "\\[TCP (Retransmission|Spurious Retransmission|Fast Retransmission|Dup ACK|Out-Of-Order|Previous segment not captured|ACKed unseen segment|Window Update|Window Full|ZeroWindow|Keep-Alive|Port numbers reused|segment of a reassembled PDU|Lost segment)"
      n = 0; same = 0; an = 0; asame = 0; first = 0
      while (1) {
        ra = (getline a < T); rb = (getline b < S)
        if (ra <= 0 && rb <= 0) break
        i++
        if ((getline p < P) <= 0) p = (ra > 0) ? "?" : "(tcpscope only)"
        if (p == "") p = "(empty)"
        pl[p]++; if (ra > 0 && rb > 0 && a == b) ps[p]++
        if (ra > 0 && a ~ re) { an++; if (rb > 0 && a == b) asame++ }
        else { n++; if (ra > 0 && rb > 0 && a == b) same++ }
        if (!first && !(ra > 0 && rb > 0 && a == b)) first = i
      }
      for (p in pl) printf "%s\t%d\t%d\n", p, pl[p], ps[p] + 0 > PO
      printf "%d\t%d\t%d\t%d\t%d\n", n, same, an, asame, first
    }')
  local IFS=$'\t'
  set -- $fig
  unset IFS
  if [ "$5" -ne 0 ]; then
    diff -u --label "tshark -r $rel" --label "tcpscope read $rel" "$d.tshark" "$d.tcpscope" >"$d.diff"
  fi
  local pj
  pj=$(IFS=,; echo "${problems[*]:-}")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rel" "$cat" "$lt" "$1" "$2" "$3" "$4" "$5" "$trc" "$src" "${pj:--}" >"$d.result"
}
export -f check_one is_capture

# Collect capture files (NUL separated), then run them two at a time.
list=$out/files.list
: >"$list"
while IFS= read -r -d '' f; do
  if is_capture "$f"; then printf '%s\0' "$f" >>"$list"; fi
done < <(find "$dir" -type f -print0 | sort -z)
total=$(tr -cd '\0' <"$list" | wc -c)
echo "corpus-check: $total capture files under $dir; TCPSCOPE=$TCPSCOPE; outputs in $out" >&2
xargs -0 -P "$jobs" -n 1 bash -c 'check_one "$1"' _ <"$list"

res=$out/results.tsv
printf 'file\tcategory\tlink_types\tlines\tidentical\tanalysis_lines\tanalysis_identical\tfirst_diff_line\ttshark_rc\ttcpscope_rc\tproblems\n' >"$res"
cat "$out"/files/*.result 2>/dev/null | sort >>"$res"

awk -F'\t' -v out="$out" '
  NR == 1 { next }
  {
    share = ($4 > 0) ? sprintf("%.2f%%", 100 * $5 / $4) : "-"
    note = ""
    if ($8 > 0) note = note " first diff at line " $8
    if ($11 != "-") note = note " PROBLEM: " $11
    if ($11 != "-") crashes++
    if ($9 != 0) note = note " (tshark rc " $9 ")"
    if ($2 == "dissected") {
      printf "%-60s %7d lines %7d identical %8s  analysis %d/%d%s\n", $1, $4, $5, share, $7, $6, note
      files++; lines += $4; same += $5; alines += $6; asame += $7
    } else {
      other[++no] = sprintf("%-60s [%s] tshark rc %s, tcpscope rc %s%s", $1, $3, $9, $10, ($11 != "-") ? " PROBLEM: " $11 : " ok")
    }
  }
  END {
    if (no > 0) {
      print ""
      print "Link types tcpscope does not dissect (only checked for no crash):"
      for (i = 1; i <= no; i++) print "  " other[i]
    }
    print ""
    pct = (lines > 0) ? 100 * same / lines : 0
    apct = (alines > 0) ? sprintf(" (%.2f%%)", 100 * asame / alines) : ""
    all = lines + alines
    allpct = (all > 0) ? 100 * (same + asame) / all : 0
    printf "corpus: %d/%d lines identical (%.2f%%) over %d files; analysis-labelled lines apart: %d/%d%s; all lines: %d/%d (%.2f%%); crashes: %d\n",
      same, lines, pct, files, asame, alines, apct, same + asame, all, allpct, crashes + 0
  }' "$res"

if [ -n "$plain" ]; then
  # Per Protocol value over the dissected files, most lines first; then the files where a TCP
  # or HTTP line differs.
  echo ""
  echo "Per tshark Protocol column (plain tshark), dissected link types only:"
  awk -F'\t' 'NR > 1 && $2 == "dissected" { print $1 }' "$res" | while IFS= read -r rel; do
    key=$(printf '%s' "$rel" | tr '/ ' '__')
    [ -f "$out/files/$key.protos" ] && sed "s|^|$rel\t|" "$out/files/$key.protos"
  done >"$out/protos.tsv"
  awk -F'\t' '{ l[$2] += $3; s[$2] += $4 } END { for (p in l) printf "%d\t%d\t%s\n", l[p], s[p], p }' "$out/protos.tsv" \
    | sort -t$'\t' -k1,1nr | awk -F'\t' '{ printf "  %-24s %8d lines %8d identical %7.2f%%\n", $3, $1, $2, 100 * $2 / $1 }'
  echo ""
  echo "Files with TCP or HTTP lines that differ (file, protocol, identical/lines):"
  awk -F'\t' '($2 == "TCP" || $2 == "HTTP") && $4 < $3 { printf "  %s\t%s\t%d/%d\n", $1, $2, $4, $3 }' "$out/protos.tsv"
fi
