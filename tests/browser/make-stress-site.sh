#!/usr/bin/env bash
# Usage: tests/browser/make-stress-site.sh <dir>
#
# Writes a site that stresses the charts into <dir> (which must not exist or
# be empty): 80 monthly periods (January 2017 to August 2023) with figures
# from the incident-management system, services whose names are 200
# characters long, an area with a long name, and deviations with times in
# every third month, so that every chart kind is drawn: 80 bars per trend,
# long category labels, time to resolve. `.ci/run` builds it and checks it in
# the browser (tests/browser/run.sh), chart text at phone widths included.
set -euo pipefail

dir="${1:?usage: $0 <dir>}"
if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
  echo "make-stress-site.sh: $dir is not empty" >&2
  exit 2
fi
mkdir -p "$dir/content/services" "$dir/content/periods" "$dir/content/pages"

cat > "$dir/site.toml" <<'EOF'
title = "Kvalitetsavvikelser: stresstest för diagrammen"
base_url = "https://www.example.se/stress/"
organisation = "Exempelstaden"
description = "En genererad webbplats med 80 perioder och mycket långa namn."

[[areas]]
id = "hr"
name = "HR"

[[areas]]
id = "ekonomi"
name = "Ekonomi och upphandling för stadens samtliga förvaltningar, bolag och kommunalförbund i regionen"

[[areas]]
id = "kommunikation"
name = "Kommunikation"
EOF

# A name of exactly 200 characters: the words repeated and cut.
name200() {
  local words="$1" out=""
  while [ ${#out} -lt 200 ]; do out="$out$words "; done
  out="${out:0:200}"
  [ "${out: -1}" = " " ] && out="${out:0:199}x"
  printf '%s' "$out"
}

services=(lon ekonomisystem telefoni rekrytering e-post intranat)
areas=(hr ekonomi kommunikation hr kommunikation kommunikation)
stems=(
  "Lönesystemet med tillhörande integrationer för samtliga förvaltningar"
  "Ekonomisystemet Agresso med leverantörsreskontra och kundreskontra"
  "Telefoniplattformen med växel, svarsgrupper och mobiltelefoni"
  "Rekryteringsstödet för chefer och rekryterare i hela organisationen"
  "E-post och kalender för medarbetare i stadens alla verksamheter"
  "Intranätet med nyheter, styrande dokument och kontaktuppgifter"
)
for i in "${!services[@]}"; do
  cat > "$dir/content/services/${services[$i]}.toml" <<EOF
name = "$(name200 "${stems[$i]}")"
area = "${areas[$i]}"
tier = "base"
supplier = "Leverantören AB"
EOF
done

months=(januari februari mars april maj juni juli augusti september oktober november december)
kinds=(incident major-incident personal-data-incident quality-deficiency unmet-need)
severities=(low medium high)
for i in $(seq 0 79); do
  year=$((2017 + i / 12))
  month=$((i % 12 + 1))
  mm=$(printf '%02d' "$month")
  last=$(date -d "$year-$mm-01 +1 month -1 day" +%d)
  id="$year-$mm"
  mkdir -p "$dir/content/periods/$id"
  {
    printf 'label = "%s %s"\nstart = %s-%s-01\nend = %s-%s-%s\n\n' \
      "${months[$((month - 1))]^}" "$year" "$year" "$mm" "$year" "$mm" "$last"
    printf '[figures]\nincidents = %d\n' $((900 + (i * 37) % 400))
    # Official major and personal-data figures where there are no records;
    # counted from the records elsewhere (so the charts mix the two).
    if [ $((i % 3)) -eq 1 ]; then
      printf 'major_incidents = %d\npersonal_data_incidents = %d\n' $((i % 7 + 1)) $((i % 4))
    fi
  } > "$dir/content/periods/$id/period.toml"
  if [ $((i % 3)) -eq 0 ]; then
    for j in 0 1 2; do
      s=$(( (i + j) % ${#services[@]} ))
      kind="${kinds[$(( (i + j) % ${#kinds[@]} ))]}"
      day=$(printf '%02d' $((j * 7 + 3)))
      cat > "$dir/content/periods/$id/avvikelse-$id-$j.md" <<EOF
+++
title = "Avvikelse $((j + 1)) i ${months[$((month - 1))]} $year"
kind = "$kind"
service = "${services[$s]}"
date = $year-$mm-${day}T08:00:00+01:00
resolved = $year-$mm-${day}T$(printf '%02d' $((9 + (i + j) % 12))):30:00+01:00
severity = "${severities[$(( (i + j) % 3 ))]}"
+++
En genererad avvikelse för att pröva diagrammen.
EOF
    done
  fi
done

cat > "$dir/content/pages/om.md" <<'EOF'
+++
title = "Om webbplatsen"
+++
En genererad webbplats som prövar diagrammen: 80 perioder och namn på 200 tecken.
EOF
echo "make-stress-site.sh: wrote $dir (80 periods, ${#services[@]} services)"
