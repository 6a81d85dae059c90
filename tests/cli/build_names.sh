#!/usr/bin/env bash
# build_names.sh - names="private" on a copy of the demo content: outside
# the sealed personal pages, public/ holds no person's full name or party
# id (whole words), no answer text and no party keys; no per-agreement form
# or signing page; one personal page per party, a mentee's carrying their
# IDP form; without a secret the build warns; a names value other than
# public or private is an error naming program.xml and its line.
. "$(dirname "$0")/../lib.sh"
OPEN=$ROOT/tests/cli/personal_open.mjs
export ROOT

cp -R "$ROOT/content" c
sed -i 's/ names="public"/ names="private"/' c/program.xml
check "the copy sets names private" grep -q '<program [^>]*names="private"' c/program.xml
expect_exit 0 "build with names private" "$ACCORD" build -C c -o s

people() { grep -o '<person id="[^"]*" name="[^"]*"' c/people.xml | sed 's/<person id="\([^"]*\)" name="\([^"]*\)"/\1\t\2/'; }
parties=$(grep -o '<agreement [^>]*>' c/people.xml | grep -Eo '(mentee|mentor)="[^"]*"' |
    sed 's/.*="\(.*\)"/\1/' | sort -u)
n=$(wc -w <<<"$parties")

# every file of public/ but the sealed pages
outside() { find s/public -path s/public/p -prune -o -type f -print; }
leaks=0
while IFS=$'\t' read -r id name; do
    for w in "$name" "$id"; do
        hit=$(outside | xargs grep -alwiF -- "$w" | head -1)
        if [ -n "$hit" ]; then
            not_ok "$hit names $w"
            leaks=1
        fi
    done
done < <(people)
[ "$leaks" = 0 ] && ok "no full name or party id outside public/p/"

# answer text of the demo's examples, checked to be there first
for phrase in "Tuesday mornings suit me best" "The imaging work is finished" \
    "My grant covers the difference"; do
    if ! grep -qF -- "$phrase" "$ROOT"/content/examples/*.xml; then
        not_ok "the demo's examples no longer say \"$phrase\": pick another phrase"
    elif outside | xargs grep -alF -- "$phrase" | grep -q .; then
        not_ok "public/ outside p/ holds the answer \"$phrase\""
    else
        ok "no \"$phrase\" outside public/p/"
    fi
done

check "no page outside p/ carries party keys" \
    bash -c '! find s/public -path s/public/p -prune -o -name "*.html" -print | xargs grep -l "data-keys-"'
check "no per-agreement form page" bash -c '! ls s/public/forms/*-*.html'
check "no signing pages" test ! -e s/public/countersign
check "the public index says how to reach one's pages" \
    grep -q 'class="personal-pages-note"' s/public/index.html
check "the private index links no public signing page" \
    bash -c '! grep -q "public/countersign/" s/private/index.html'
check "one personal page per party ($n)" test "$(find s/public/p -name '*.html' | wc -l)" -eq "$n"

# a mentee's pages carry their IDP form, linked from their home
mentee=$(grep -o '<agreement [^>]*>' c/people.xml | head -1 | sed 's/.*mentee="\([^"]*\)".*/\1/')
mname=$(people | awk -F'\t' -v id="$mentee" '$1 == id { print $2 }')
link=$(grep -F -A3 "<strong>$mname</strong>" s/private/index.html | grep -o 'href="\.\./public/p/[^"]*"' |
    head -1 | sed 's/^href="//; s/"$//')
check "$mentee's home links their IDP form" \
    bash -c "node '$OPEN' s '$link' index.html | grep -q 'data-personal-page=\"idp.html\"'"
check "$mentee's IDP form opens" \
    bash -c "node '$OPEN' s '$link' idp.html | grep -q 'id=\"accord-form\"'"

# names private and no secret: a warning, not an error
cp -R c c2 && rm c2/secret
expect_exit 0 "build with names private and no secret" "$ACCORD" build -C c2 -o s2
expect_stderr "warning: .*nobody can reach their forms.*accord secret" "it warns how to make a secret"
check "it warns once" test "$(grep -c "nobody can reach" "$T/stderr")" -eq 1

# a names value other than public or private
cp -R c c3
sed -i 's/ names="private"/ names="hidden"/' c3/program.xml
line=$(grep -n '<program ' c3/program.xml | cut -d: -f1)
expect_exit 1 "build with names=\"hidden\"" "$ACCORD" build -C c3 -o s3
expect_stderr "program\.xml:$line: .*names" "the error names program.xml:$line"
