#!/usr/bin/env bash
# The morning job of a sales pipeline, against Braeburn (or, with a real token, App Store Connect):
# download one day's Summary Sales report and print it as tab-separated text.
#
#   docs/examples/daily-sales.sh [YYYY-MM-DD]      # no date: the latest published day
#
# Environment (all optional):
#   BRAEBURN_URL    base URL of the API (default http://localhost:8080)
#   BRAEBURN_DATA   Braeburn's data directory (default .braeburn): its key mints the token, its
#                   admin token looks up the vendor number
#   TOKEN           a JWT to use instead of `./braeburn token --data $BRAEBURN_DATA`
#   VENDOR          the vendor number; default: the first team's "vendorNumber" from GET /_braeburn/teams
#
# Exit status 0 with the report on stdout; 0 with "no sales" on stderr when the day had none
# (Apple's 404 "There were no sales for the date specified."); 1 with the error document otherwise.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
url="${BRAEBURN_URL:-http://localhost:8080}"
data="${BRAEBURN_DATA:-.braeburn}"
token="${TOKEN:-$("$repo/braeburn" token --data "$data")}"

vendor="${VENDOR:-}"
if [ -z "$vendor" ]; then
  admin="${BRAEBURN_ADMIN_TOKEN:-$(cat "$data/admin-token")}"
  vendor="$(curl -fsS -H "Authorization: Bearer $admin" "$url/_braeburn/teams" \
    | grep -o '"vendorNumber" *: *"[0-9]*"' | head -n 1 | grep -o '[0-9]\{8\}')"
fi

query="filter[vendorNumber]=$vendor&filter[reportType]=SALES&filter[reportSubType]=SUMMARY&filter[frequency]=DAILY"
if [ $# -ge 1 ]; then
  query="$query&filter[reportDate]=$1"
fi

body="$(mktemp)"
trap 'rm -f "$body"' EXIT
# -g: the brackets of filter[…] are literal, not curl globs.
status="$(curl -sS -g -o "$body" -w '%{http_code}' \
  -H "Authorization: Bearer $token" -H 'Accept: application/a-gzip' "$url/v1/salesReports?$query")"

case "$status" in
  200) gunzip -c < "$body" ;;
  404)
    if grep -q 'There were no sales for the date specified.' "$body"; then
      echo "no sales" >&2
      exit 0
    fi
    cat "$body" >&2; echo >&2; exit 1 ;;
  *) cat "$body" >&2; echo >&2; exit 1 ;;
esac
