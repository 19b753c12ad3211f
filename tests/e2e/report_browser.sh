#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium renders the sample
# report (tests/helpers/report_sample.c), and the rendered DOM, the console,
# the network log, screenshots (light and dark at 1200 px, 360 px) and an A4
# PDF are checked. Each detector is first shown to catch a broken page.
# Exit 77 (skipped) only when chromium is not installed.
# Then a report made by certsim itself ($CERTSIM) from a record of exams and
# quizzes is checked the same way.
# REPORT_SHOTS=DIR keeps the screenshots, the PDF and the pages there.
set -u
: "${REPORT_SAMPLE:?set REPORT_SAMPLE to the report_sample helper}"
export LC_ALL=C

if ! command -v chromium >/dev/null 2>&1; then
	echo "SKIP: chromium is not installed (tools/setup.sh installs it)"
	exit 77
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
passes=0
ok() { passes=$((passes + 1)); echo "ok - $*"; }
fail() { fails=$((fails + 1)); echo "FAIL - $*"; }
check() { # check DESCRIPTION COMMAND...
	local d=$1; shift
	if "$@"; then ok "$d"; else fail "$d"; fi
}

# browse NAME FILE [FLAG...]: run headless Chromium on FILE with no network
# (every host resolves to nothing) and a fresh profile; its stderr (with the
# console, logged at --v=0) goes to $TMP/NAME.log and its network log to
# $TMP/NAME.net. Returns Chromium's status.
browse() {
	local name=$1 file=$2 profile rc
	shift 2
	profile=$(mktemp -d "$TMP/profile.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --disable-dev-shm-usage --user-data-dir="$profile" \
		--host-resolver-rules="MAP * ~NOTFOUND" --log-net-log="$TMP/$name.net" \
		--enable-logging=stderr --v=0 --hide-scrollbars "$@" \
		"file://$file" 2> "$TMP/$name.log"
	rc=$?
	rm -rf "$profile"
	return $rc
}

# Console messages of a run: the page has no script, so any message at all
# (an error, a warning, an SVG attribute Chromium could not parse) is a fault.
console_of() { grep -F ':CONSOLE' "$TMP/$1.log"; }
no_console() { ! console_of "$1" > /dev/null; }
# Requests the page itself made: Chromium keys them by the top frame's site
# (file://); its own background requests are keyed otherwise.
page_requests() { grep -o '"key":"[^"]*_dk_file://[^"]*"' "$TMP/$1.net"; }
no_requests() { ! page_requests "$1" > /dev/null; }
# PNG width and height from its IHDR chunk.
png_size() {
	od -An -tu1 -j16 -N8 "$1" |
		awk '{ w = $1 * 16777216 + $2 * 65536 + $3 * 256 + $4
		       h = $5 * 16777216 + $6 * 65536 + $7 * 256 + $8
		       printf "%dx%d\n", w, h }'
}
is_png() { [ "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = 89504e470d0a1a0a ]; }
count() { grep -o -- "$2" "$1" | wc -l; }
differ() { ! cmp -s "$1" "$2"; }
# all COMMAND... ; COMMAND... : every command (split at ';' arguments) succeeds.
all() {
	local cmd=()
	for a in "$@" ';'; do
		if [ "$a" = ';' ]; then
			"${cmd[@]}" || return 1
			cmd=()
		else
			cmd+=("$a")
		fi
	done
}

# 1. The detectors catch a broken page.
cat > "$TMP/broken.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>broken</title></head>
<body><p>broken on purpose</p><script>console.error("deliberate"); no_such_function();</script>
<svg><rect width="10" height="bad"></rect></svg>
<img src="http://example.invalid/fetched.png" alt=""></body></html>
HTML
browse broken "$TMP/broken.html" --dump-dom > "$TMP/broken.dom"
check "the console check catches console.error on a broken page" \
	grep -q '"deliberate"' <(console_of broken)
check "the console check catches an uncaught exception" \
	grep -q 'no_such_function is not defined' <(console_of broken)
check "the console check catches an SVG attribute Chromium rejects" \
	grep -q 'attribute height' <(console_of broken)
check "the network check catches a request made by the page" \
	grep -q 'example.invalid/fetched.png' <(page_requests broken)

# 2. The sample week: render it and load it.
"$REPORT_SAMPLE" "$TMP/report.html" > "$TMP/exams.txt"
check "report_sample renders the sample week" [ -s "$TMP/report.html" ]
check "the sample has 5 exams" [ "$(wc -l < "$TMP/exams.txt")" -eq 5 ]
browse full "$TMP/report.html" --dump-dom > "$TMP/full.dom"
check "chromium loads the report" [ $? -eq 0 ]
check "no console messages for the report" no_console full
console_of full | head -5
check "the report requests nothing (no network, no file)" no_requests full
page_requests full | head -5
dom=$TMP/full.dom
check "rendered DOM: 5 SVG charts, each role=img" \
	[ "$(count "$dom" '<svg [^>]*role="img"')" -eq 5 ]
check "rendered DOM: each chart has a <title> and a <desc>" all \
	[ "$(count "$dom" '<title id="[a-z-]*-title">')" -eq 5 ] ';' \
	[ "$(count "$dom" '<desc id="[a-z-]*-desc">')" -eq 5 ]
for t in "Scaled score of every exam against the pass mark" \
	"Percent correct per domain: last exam and earlier exams" \
	"Percent correct per task and attempt" \
	"Seconds per question against the pace" "Study status"; do
	check "rendered DOM: chart titled \"$t\"" grep -qF ">$t</title>" "$dom"
done
check "rendered DOM: 7 tables" [ "$(count "$dom" '<table id=')" -eq 7 ]
check "rendered DOM: the score line, the pass line and the forecast band" all \
	[ "$(count "$dom" '<polyline class="chart-line"')" -ge 1 ] ';' \
	grep -q '>pass 720</text>' "$dom" ';' grep -q 'class="chart-band"' "$dom"
check "rendered DOM: a heat map of 12 tasks x 14 attempts" \
	[ "$(count "$dom" '<rect class="chart-heat-')" -eq $((12 * 14 + 5)) ]
check "rendered DOM: weakest tasks named in words" \
	grep -q '<p id="weakest"><strong>Weakest task' "$dom"
check "rendered DOM: what to do next" grep -q '<ol class="next">' "$dom"
check "rendered DOM: no script" [ "$(count "$dom" '<script')" -eq 0 ]
while read -r _ n scaled correct scored; do
	if [ $((scaled >= 720)) -eq 1 ]; then res=pass; else res=fail; fi
	row="<tr><td>$n</td><td class=\"t d\">[-0-9: ]*</td><td>$scaled</td>"
	row+="<td class=\"t\">$res</td><td>$correct of $scored</td>"
	check "score table row of exam $n: $scaled $res, $correct of $scored" grep -qE "$row" "$dom"
done < "$TMP/exams.txt"

# 3. Screenshots: light and dark at 1200 px, and 360 px wide.
browse light "$TMP/report.html" --window-size=1200,1400 --screenshot="$TMP/light.png" > /dev/null
browse dark "$TMP/report.html" --window-size=1200,1400 \
	--blink-settings=preferredColorScheme=0 --screenshot="$TMP/dark.png" > /dev/null
browse narrow "$TMP/report.html" --window-size=360,2400 --screenshot="$TMP/narrow.png" > /dev/null
for s in light dark narrow; do
	check "screenshot $s is a PNG" is_png "$TMP/$s.png"
	check "no console messages ($s)" no_console "$s"
done
check "light screenshot is 1200x1400" [ "$(png_size "$TMP/light.png")" = 1200x1400 ]
check "narrow screenshot is 360x2400" [ "$(png_size "$TMP/narrow.png")" = 360x2400 ]
check "dark mode changes the picture (prefers-color-scheme)" \
	differ "$TMP/light.png" "$TMP/dark.png"

# 4. Print: an A4 PDF.
browse print "$TMP/report.html" --no-pdf-header-footer --print-to-pdf="$TMP/report.pdf" > /dev/null
check "prints to PDF" [ "$(head -c 5 "$TMP/report.pdf")" = "%PDF-" ]
# Page sizes other than A4 (594.96 x 841.92 pt): none, and at least one page.
not_a4() {
	grep -a -o 'MediaBox \[[^]]*\]' "$TMP/report.pdf" |
		grep -vc 'MediaBox \[0 0 59[45][.0-9]* 84[12][.0-9]*\]'
}
check "every PDF page is A4 (595 x 842 pt)" all \
	[ "$(not_a4)" -eq 0 ] ';' grep -a -q 'MediaBox' "$TMP/report.pdf"

# 5. An empty record and a hostile bank.
"$REPORT_SAMPLE" --empty "$TMP/empty.html" > /dev/null
browse empty "$TMP/empty.html" --dump-dom > "$TMP/empty.dom"
check "empty record: no console messages" no_console empty
check "empty record: says there is no exam yet" grep -q 'No exam yet' "$TMP/empty.dom"
check "empty record: suggests the first exam" \
	grep -q '<li>Take a first full practice exam' "$TMP/empty.dom"
"$REPORT_SAMPLE" --hostile "$TMP/hostile.html" > /dev/null
browse hostile "$TMP/hostile.html" --dump-dom > "$TMP/hostile.dom"
check "hostile bank: no console messages" no_console hostile
check "hostile bank: no script, img, b or style element got in" all \
	[ "$(grep -c -i -E '<script|<img|<b>|<i>' "$TMP/hostile.dom")" -eq 0 ] ';' \
	[ "$(count "$TMP/hostile.dom" '<style>')" -eq 1 ]
check "hostile bank: the page keeps its 5 charts and 7 tables" all \
	[ "$(count "$TMP/hostile.dom" '<svg [^>]*role="img"')" -eq 5 ] ';' \
	[ "$(count "$TMP/hostile.dom" '<table id=')" -eq 7 ]
check "hostile bank: the markup shows as text" \
	grep -qF '&lt;script&gt;alert(11)&lt;/script&gt;' "$TMP/hostile.dom"
check "hostile bank: requests nothing" no_requests hostile

# 6. A report made by the real binary from a record of exams and quizzes
# (line mode, scripted answers, fixed seeds; the keys learned from an empty
# run on a copy of the home, which draws the same items).
if [ -n "${CERTSIM:-}" ] && command -v jq > /dev/null 2>&1; then
	export CERTSIM_HOME="$TMP/learner" NO_COLOR=1
	mkdir -p "$CERTSIM_HOME"
	last_result() { ls -1t "$1"/results/*.json 2> /dev/null | head -1; }
	# take MODE SEED RIGHT DELAY [ARGS...]: RIGHT items right (the first
	# ones), the rest left unanswered; DELAY seconds on each of the first 3.
	take() {
		local mode=$1 seed=$2 right=$3 delay=$4 i=0 r0 key
		shift 4
		rm -rf "$TMP/scratch"
		cp -r "$CERTSIM_HOME" "$TMP/scratch"
		echo -n | CERTSIM_HOME="$TMP/scratch" "$CERTSIM" "$mode" --seed "$seed" "$@" \
			> /dev/null 2>&1
		r0=$(last_result "$TMP/scratch")
		jq -r '.items[] | . as $it |
		  def letter($id): ($it.shown | index($id)) as $i | ([65 + $i] | implode);
		  if .type == "matching" then
		    [ .prompts_shown | to_entries[] | "\(.key + 1)\(letter($it.key[.value]))" ]
		    | join(" ")
		  else [ .key[] | letter(.) ] | join(" ") end' "$r0" | head -n "$right" > "$TMP/keys"
		{
			while read -r key; do
				i=$((i + 1))
				[ "$i" -le 3 ] && sleep "$delay"
				echo "$key"
			done < "$TMP/keys"
			echo submit
			echo y
		} | "$CERTSIM" "$mode" --seed "$seed" "$@" > /dev/null 2>&1
		sleep 1
	}
	take exam 31 38 0
	take quiz 32 6 1 --count 10
	take exam 33 45 0
	take quiz 34 5 0 --task 1.3 --count 8
	take quiz 35 9 1 --weakest --count 12
	take exam 36 52 2
	"$CERTSIM" report --out "$TMP/real.html" > /dev/null
	check "certsim report writes the real record's report" [ -s "$TMP/real.html" ]
	browse real "$TMP/real.html" --dump-dom > "$TMP/real.dom"
	check "real report: chromium loads it" [ $? -eq 0 ]
	check "real report: no console messages" no_console real
	console_of real | head -5
	check "real report: requests nothing" no_requests real
	check "real report: 5 SVG charts, each with a <title> and a <desc>" all \
		[ "$(count "$TMP/real.dom" '<svg [^>]*role="img"')" -eq 5 ] ';' \
		[ "$(count "$TMP/real.dom" '<title id="[a-z-]*-title">')" -eq 5 ] ';' \
		[ "$(count "$TMP/real.dom" '<desc id="[a-z-]*-desc">')" -eq 5 ]
	check "real report: 7 tables" [ "$(count "$TMP/real.dom" '<table id=')" -eq 7 ]
	check "real report: a heat map of 12 tasks x 6 attempts (and the legend)" \
		[ "$(count "$TMP/real.dom" '<rect class="chart-heat-')" -eq $((12 * 6 + 5)) ]
	check "real report: a score line with 3 points and the pass line" all \
		[ "$(count "$TMP/real.dom" '<polyline class="chart-line"')" -ge 1 ] ';' \
		grep -q '>pass 720</text>' "$TMP/real.dom"
	n=0
	for r in $(ls -1 "$CERTSIM_HOME"/results/*.json | sort); do
		[ "$(jq -r .mode "$r")" = exam ] || continue
		n=$((n + 1))
		read -r scaled correct scored res < <(jq -r '"\(.score.scaled) \(.score.correct)
		  \(.score.scored) \(if .score.passed then "pass" else "fail" end)"' "$r" | tr '\n' ' ')
		row="<tr><td>$n</td><td class=\"t d\">[-0-9: ]*</td><td>$scaled</td>"
		row+="<td class=\"t\">$res</td><td>$correct of $scored</td>"
		check "real report, rendered: exam $n row = its result ($scaled $res, $correct of $scored)" \
			grep -qE "$row" "$TMP/real.dom"
	done
	check "real report: 3 exams" [ "$n" -eq 3 ]
	browse reallight "$TMP/real.html" --window-size=1200,1400 \
		--screenshot="$TMP/real-light.png" > /dev/null
	browse realdark "$TMP/real.html" --window-size=1200,1400 \
		--blink-settings=preferredColorScheme=0 --screenshot="$TMP/real-dark.png" > /dev/null
	check "real report: light and dark screenshots differ" all \
		is_png "$TMP/real-light.png" ';' is_png "$TMP/real-dark.png" ';' \
		differ "$TMP/real-light.png" "$TMP/real-dark.png"
	check "real report: no console messages in the screenshots" all \
		no_console reallight ';' no_console realdark
fi

if [ -n "${REPORT_SHOTS:-}" ]; then
	mkdir -p "$REPORT_SHOTS" &&
		cp "$TMP"/*.png "$TMP/report.pdf" "$TMP"/*.html "$REPORT_SHOTS"/
fi
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
