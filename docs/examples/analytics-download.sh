#!/usr/bin/env bash
# An analytics pipeline's daily job, against Braeburn (or, with a real token, App Store Connect):
# the five steps of the Analytics Reports API, then Apple's dedupe rule, printing one report's rows
# as tab-separated text.
#
#   docs/examples/analytics-download.sh APP_ID [REPORT_NAME] [GRANULARITY]
#     REPORT_NAME  default "App Store Installation and Deletion Standard"
#     GRANULARITY  DAILY (default), WEEKLY or MONTHLY
#
# Environment (all optional):
#   BRAEBURN_URL   base URL of the API (default http://localhost:8080)
#   BRAEBURN_DATA  Braeburn's data directory (default .braeburn), whose key mints the token
#   TOKEN          a JWT of an Admin, Finance or Sales key instead of `./braeburn token`
#
# Needs bash, curl, jq, gunzip and md5sum. Exit status 0 with the rows on stdout; 3 when the request
# has no instances yet (Apple makes the first ones 1-2 days after the request: run it again
# tomorrow, or advance Braeburn's clock); 1 on an error, with Apple's error document on stderr.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
url="${BRAEBURN_URL:-http://localhost:8080}"
data="${BRAEBURN_DATA:-.braeburn}"
token="${TOKEN:-$("$repo/braeburn" token --data "$data")}"
app="${1:?usage: analytics-download.sh APP_ID [REPORT_NAME] [GRANULARITY]}"
name="${2:-App Store Installation and Deletion Standard}"
granularity="${3:-DAILY}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# GET with the token; the JSON on stdout, or the error document on stderr and exit 1.
api() {
  local status
  status="$(curl -sS -g -o "$work/reply" -w '%{http_code}' -H "Authorization: Bearer $token" "$1")"
  if [ "${status:0:1}" != 2 ]; then
    cat "$work/reply" >&2; echo >&2; exit 1
  fi
  cat "$work/reply"
}

# Every resource of a list, following links.next: one JSON object per line.
all() {
  local next="$1"
  while [ -n "$next" ] && [ "$next" != null ]; do
    api "$next" > "$work/page"
    jq -c '.data[]' "$work/page"
    next="$(jq -r '.links.next // empty' "$work/page")"
  done
}

# 1. The app's ONGOING report request, created the first time (Apple allows one per app).
request="$(all "$url/v1/apps/$app/analyticsReportRequests?filter[accessType]=ONGOING" | jq -r '.id' | head -n 1)"
if [ -z "$request" ]; then
  body="$(jq -cn --arg app "$app" '{data:{type:"analyticsReportRequests",attributes:{accessType:"ONGOING"},
    relationships:{app:{data:{type:"apps",id:$app}}}}}')"
  status="$(curl -sS -o "$work/created" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "$body" "$url/v1/analyticsReportRequests")"
  if [ "$status" != 201 ]; then
    cat "$work/created" >&2; echo >&2; exit 1
  fi
  request="$(jq -r '.data.id' "$work/created")"
  echo "requested reports for app $app ($request); the first instances come in 1-2 days" >&2
fi

# 2. The report, by name.
encoded="$(jq -rn --arg v "$name" '$v|@uri')"
report="$(all "$url/v1/analyticsReportRequests/$request/reports?filter[name]=$encoded" | jq -r '.id' | head -n 1)"
if [ -z "$report" ]; then
  echo "no report named '$name'" >&2; exit 1
fi

# 3. Its instances of the granularity, newest processing date first.
all "$url/v1/analyticsReports/$report/instances?filter[granularity]=$granularity&limit=200" \
  | jq -rs 'sort_by(.attributes.processingDate) | reverse | .[] | "\(.id) \(.attributes.processingDate)"' > "$work/instances"
if [ ! -s "$work/instances" ]; then
  echo "no $granularity instances of '$name' yet" >&2; exit 3
fi

# 4 and 5. Each instance's segments, downloaded without the token, checked and unpacked. Apple's
# rule for revisions: a Date's rows come from the instance with the newest processing date only.
: > "$work/taken"
header=""
while read -r instance processed; do
  : > "$work/rows"
  while read -r segment; do
    segment_url="$(jq -r '.attributes.url' <<< "$segment")"
    curl -fsS -o "$work/part.gz" "$segment_url"
    size="$(wc -c < "$work/part.gz" | tr -d ' ')"
    checksum="$(md5sum "$work/part.gz" | cut -d ' ' -f 1)"
    if [ "$size" != "$(jq -r '.attributes.sizeInBytes' <<< "$segment")" ] \
      || [ "$checksum" != "$(jq -r '.attributes.checksum' <<< "$segment")" ]; then
      echo "segment of instance $instance ($processed) is damaged: size $size, MD5 $checksum" >&2; exit 1
    fi
    gunzip -c < "$work/part.gz" > "$work/part"
    if [ -z "$header" ]; then
      header="$(head -n 1 "$work/part")"
      printf '%s\n' "$header"
    fi
    tail -n +2 "$work/part" >> "$work/rows"
  done < <(all "$url/v1/analyticsReportInstances/$instance/segments")
  # keep the rows of Dates no newer instance delivered; then those Dates are taken
  awk -F '\t' -v header="$header" -v taken="$work/taken" '
    BEGIN { n = split(header, names, "\t"); for (i = 1; i <= n; i++) if (names[i] == "Date") col = i
            while ((getline d < taken) > 0) seen[d] = 1; close(taken) }
    NF > 0 && !($col in seen) { print; fresh[$col] = 1 }
    END { for (d in fresh) print d >> taken }' "$work/rows"
done < "$work/instances"
