#!/usr/bin/env bash
# Records what tshark prints for every pcapng conformance file, as the expected data of
# CaptureConformanceTest. Run from the repository root; rewrite, never hand-edit, the output.
set -euo pipefail
root=src/test/resources/pcapng-test-generator
out=src/test/resources/conformance-expected.tsv
fields=(-T fields -e frame.number -e frame.time_epoch -e frame.interface_id -e frame.cap_len -e frame.len)
{
  echo "# $(tshark --version 2>/dev/null | head -1)"
  echo "# command: tshark -r FILE ${fields[*]}"
  echo "# columns: file, frame.number, frame.time_epoch, frame.interface_id, frame.cap_len, frame.len"
  echo "# a line 'file<TAB>#rc<TAB>N' gives tshark's exit code for the file"
  find "$root" -name '*.pcapng' | LC_ALL=C sort | while read -r f; do
    rel=${f#"$root"/}
    set +e
    rows=$(tshark -r "$f" "${fields[@]}" 2>/dev/null)
    rc=$?
    set -e
    printf '%s\t#rc\t%d\n' "$rel" "$rc"
    if [ -n "$rows" ]; then
      printf '%s\n' "$rows" | sed "s|^|$rel\t|"
    fi
  done
} > "$out"
echo "wrote $out"
