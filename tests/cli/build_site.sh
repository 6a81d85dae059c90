#!/usr/bin/env bash
# accord build on the small fixture: page kinds, links, determinism, -o rules.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/fixtures/site/checks.sh"
FIX=$ROOT/tests/fixtures/site/basic

expect_exit 0 "build the fixture" "$ACCORD" build -C "$FIX" -o out
for f in index.html guide/index.html guide/mentee.html forms/index.html \
    forms/ada-grace-mentee.html forms/ada-grace-mentor.html forms/mary-kat-mentee.html \
    forms/mary-kat-mentor.html forms/idp-ada.html forms/idp-mary.html sample/main.html \
    sample/rules.html assets/style.css; do
    check "public/$f written" test -f "out/public/$f"
done
check "private/index.html written" test -f out/private/index.html
check "private/assets copied" test -f out/private/assets/style.css
check "no IDP form for a person who is only a mentor" test ! -e out/public/forms/idp-grace.html
check "no temporary directory left" test -z "$(find out -maxdepth 1 -name '.build-*')"
check "every page starts with <!DOCTYPE html>" \
    bash -c '! grep -L -m1 "^<!DOCTYPE html>" $(find out -name "*.html") | grep -q .'
check "body class names the page kind" grep -q '<body class="page-form">' out/public/forms/ada-grace-mentee.html
check "guide page body class" grep -q 'class="page-guide"' out/public/guide/mentee.html
check "private index says not started" grep -q 'not started' out/private/index.html
check "guide page title is its first heading" \
    grep -q '<title>Being a mentee – Fixture Mentoring Program</title>' out/public/guide/mentee.html
check "guide index lists pages by title" grep -q '>Being a mentee</a>' out/public/guide/index.html
check "nav marks the current page" grep -q 'aria-current="page">Forms<' out/public/forms/index.html
check "public/keys.html written" test -f out/public/keys.html
check "nav: Your keys after Guide" \
    grep -Pzq '<a href="../guide/index.html">Guide</a></li>\n<li><a href="../keys.html">Your keys</a>' out/public/forms/index.html
check "the index links the keys page" grep -q '<a href="keys.html">Your keys</a> page' out/public/index.html
check "template links get ../ below the root" grep -q 'href="../assets/style.css"' out/public/guide/mentee.html

# form markup: what the page scripts read (the fixture holds no keys: the
# key lists are written empty)
F=out/public/forms/ada-grace-mentor.html
check "form data attributes" grep -Eq '<form class="accord-form" id="accord-form" action="#" method="post" novalidate data-program="fixture" data-questionnaire="main" data-version="1" data-digest="[0-9a-f]{64}" data-kind="agreement" data-agreement="ada-grace" data-role="mentor" data-party="grace" data-revision="1" data-questionnaire-bytes="[A-Za-z0-9+/]+=*" data-mentee="ada" data-keys-mentee="" data-keys-mentor="" data-limit-short="200" data-limit-long="5000" data-limit-other="200" data-limit-note="2000" data-limit-answers-file="4194304" data-zip-max-bytes="67108864" data-zip-max-members="256" data-zip-max-name="255" data-zip-max-extra="1024" data-flag-conflict="[^"]+" data-icon-conflict="[^"]+" data-flag-discuss="[^"]+" data-icon-discuss="[^"]+" data-flag-same="[^"]+" data-icon-same="[^"]+" data-summary-none="No answers differ from the mentee.s." data-summary-one="[^"]+" data-summary-many="\{n\} answers differ[^"]+" data-summary-unanswered-one="[^"]+" data-summary-unanswered-many="[^"{]*\{n\} questions[^"]+" data-summary-left-one="[^"]+" data-summary-left-many="[^"{]*\{n\} questions left[^"]+" data-discuss-one="1 question[^"]+" data-discuss-many="\{n\} questions[^"]+">' $F
check "a mentee form carries the limits and the zip limits (it signs a bundle) but no flag words" \
    grep -Eq 'data-revision="1" data-questionnaire-bytes="[A-Za-z0-9+/]+=*" data-mentee="ada" data-keys-mentee="" data-keys-mentor="" data-limit-short="200" data-limit-long="5000" data-limit-other="200" data-limit-note="2000" data-limit-answers-file="4194304" data-zip-max-bytes="67108864" data-zip-max-members="256" data-zip-max-name="255" data-zip-max-extra="1024">' out/public/forms/ada-grace-mentee.html
check "disabled section left out of the form" bash -c "! grep -q 'off-q' $F"
check "admin custom question in the form" grep -q 'data-question="year"' $F
check "mentor custom question in the form" grep -q 'data-question="grace-review"' $F
check "show-if as data attribute" grep -q 'data-show-if="in-person=yes"' $F
check "fieldset with hint" grep -q '<fieldset class="question" id="q-frequency" data-question="frequency" data-kind="single" data-required="true" aria-describedby="q-frequency-hint">' $F
check "other text box" grep -q 'name="frequency.other">' $F
check "a required question carries no mark" grep -q '<legend>How often?</legend>' $F
check "an optional question is marked in its text" \
    grep -q '<label class="question-text" for="q-frequency-why-input">Why monthly? <span class="optional">(optional)</span></label>' $F
check "no maxlength: it would cut pasted text without a word" bash -c "! grep -q maxlength $F"
check "short text input with hint" grep -q '<input type="text" id="q-where-input" name="where" aria-describedby="q-where-hint">' $F
check "long text" grep -q '<textarea id="q-frequency-why-input" name="frequency-why" rows="5">' $F
check "review section" grep -q '<section class="review" id="review" hidden aria-labelledby="review-title">' $F
check "noscript note" grep -q '<noscript>' $F
I=out/public/forms/idp-ada.html
check "IDP form: kind idp, no agreement" bash -c "grep -q 'data-kind=\"idp\"' $I && ! grep -q 'data-agreement=' $I"
check "IDP form: mentee party" grep -q 'data-role="mentee" data-party="ada"' $I
check "IDP form: the mentee's keys only" \
    bash -c "grep -q 'data-keys-mentee=' $I && ! grep -q 'data-keys-mentor=' $I"
check "IDP form links the further IDP questions" grep -q '<p class="idp-extra">More for your plan: <a href="https://example.edu/idp-extra">' $I
D1=$(grep -o 'data-digest="[0-9a-f]*"' out/public/forms/ada-grace-mentee.html)
D2=$(grep -o 'data-digest="[0-9a-f]*"' out/public/forms/ada-grace-mentor.html)
check "both roles share the effective questionnaire digest" test "$D1" = "$D2"

# the sample agreement
S=out/public/sample/main.html
check "sample lists options" grep -q 'Monthly</li>' $S
check "sample has admin custom questions" grep -q 'Which year?' $S
check "sample leaves the disabled section out" bash -c "! grep -q 'Never shown' $S"
check "sample has no form" bash -c "! grep -q '<form' $S"
check "sample explains signatures" grep -q 'id="signatures"' $S
check "sample names conditions" grep -q 'Answer only if' $S

# the index
X=out/public/index.html
check "index links both forms" grep -q 'href="forms/ada-grace-mentor.html"' $X
check "index links samples" grep -q 'href="sample/rules.html"' $X
check "index lists resources" grep -q 'href="mailto:office@example.edu">Mentoring office' $X
check "index: resource without link" grep -q 'Room 101' $X
check "index: further resources" grep -q 'href="https://example.edu/career"' $X
check "index: IDP extra link" grep -q 'href="https://example.edu/idp-extra"' $X

# links and requests
if site_links_resolve out; then ok "every relative link names an existing file"; else not_ok "broken relative links"; fi
if site_no_requests out; then ok "no page loads anything from another host"; else not_ok "a page makes a request"; fi
if site_no_abs_paths out; then ok "no absolute paths in pages"; else not_ok "absolute paths in pages"; fi

# determinism: a second build elsewhere, byte for byte
expect_exit 0 "build again into another root" "$ACCORD" build -C "$FIX" -o out2
check "two builds are byte-identical" same_site out out2
# rebuild in place replaces the site
echo stale >out/public/stale.html
expect_exit 0 "rebuild over an existing site" "$ACCORD" build -C "$FIX" -o out
check "rebuild replaced public/" test ! -e out/public/stale.html
check "rebuild still identical" same_site out out2

# -o with files accord did not write: refused, nothing touched
mkdir -p foreign && echo mine >foreign/notes.txt
expect_exit 1 "-o into a directory with foreign files" "$ACCORD" build -C "$FIX" -o foreign
expect_stderr "foreign/notes.txt" "the refusal names the foreign file"
check "foreign file kept" grep -qx mine foreign/notes.txt
check "nothing written beside it" test "$(ls -A foreign)" = notes.txt
echo x >afile
expect_exit 1 "-o naming a file" "$ACCORD" build -C "$FIX" -o afile

# -C never changes the working directory: -o is relative to here
mkdir sub && (cd sub && "$ACCORD" build -C "$FIX" -o rel >/dev/null 2>&1)
check "-o relative to the working directory" test -f sub/rel/public/index.html

# usage
expect_exit 0 "--help" "$ACCORD" build --help
expect_stdout "usage: accord build" "--help prints usage"
expect_exit 2 "unknown option" "$ACCORD" build --bogus
expect_exit 2 "missing content directory" "$ACCORD" build -C does-not-exist -o nope
check "no output for missing content" test ! -e nope

# a site root that is a symlink to a folder is that folder
mkdir real && ln -s real link
expect_exit 0 "-o naming a symlink to a folder" "$ACCORD" build -C "$FIX" -o link
check "the site is written in the folder linked to" test -f real/public/index.html
check "the symlink is kept" test -L link

# guide titles are cmark's: a setext heading is the page's one <h1> and its
# title, on the page and in the indexes that list it
cp -R "$FIX" st
printf 'Setext *Title* Here\n===================\n\nBody text.\n' >st/guide/setext.md
printf 'No heading at all, just text.\n' >st/guide/plain.md
expect_exit 0 "build with a setext-titled guide page" "$ACCORD" build -C st -o sts
n=$(grep -o '<h1' sts/public/guide/setext.html | wc -l)
[ "$n" -eq 1 ] && ok "a setext heading gives the page one <h1>" || not_ok "setext page has $n <h1>"
check "its title is the heading's text" grep -q '<title>Setext Title Here – ' sts/public/guide/setext.html
check "the guide index lists it by that title" grep -q '>Setext Title Here</a>' sts/public/guide/index.html
check "the home page too" grep -q '>Setext Title Here</a>' sts/public/index.html
check "a page without a heading gets its name as <h1>" grep -q '<h1>plain</h1>' sts/public/guide/plain.html
