#!/usr/bin/env bash
# build_dashboard_parts.sh - a program of more than 500 agreements (the
# demo and 600 more): private/index.html is an overview with the counts of
# all and a link to each part, private/dashboard/agreements-N.html list
# 500 agreements each, every agreement once, each part with the personal
# links of its own people; with names public the home page and the forms
# page link public/forms/agreements-N.html in the same way, each part with
# its agreements' forms and its mentees' plans; a new bundle rewrites the
# parts that list it and not the others, nor the overviews, and the
# rebuild is a clean build's site.
. "$(dirname "$0")/../lib.sh"

cp -R "$ROOT/content" c
{ # people.xml: every person, then every agreement
    sed '/<agreement /,$d' "$ROOT/content/people.xml"
    for i in $(seq -w 1 600); do echo "  <person id=\"p$i\" name=\"Person $i\"/>"; done
    grep '<agreement ' "$ROOT/content/people.xml"
    # each new person the mentee of one and the mentor of another, on the
    # short questionnaire, so that every personal page stays small
    for i in $(seq 1 600); do
        printf '  <agreement id="zz-%03d" mentee="p%03d" mentor="p%03d" questionnaire="ground-rules"/>\n' \
            "$i" "$i" $(((i + 299) % 600 + 1))
    done
    echo "</people>"
} >c/people.xml
mv c/bundles/hugo-chen-r1-mentor.accord hugo-mentor.accord

expect_exit 0 "build 607 agreements" "$ACCORD" build -C c -o s
index=s/private/index.html
check "the overview links two parts" \
    test "$(grep -o 'href="dashboard/agreements-[0-9]*\.html"' "$index" | sort -u | wc -l)" -eq 2
check "the overview names the ids each part holds" \
    grep -q '>Agreements 501 to 607</a>: zz-494 to zz-600' "$index"
check "the overview has no table of agreements" bash -c "! grep -q 'agreement-table' $index"
check "the overview counts all 607" grep -q '607 agreements' "$index"
check "the overview is small" test "$(stat -c %s "$index")" -lt 50000
rows() { grep -o '<tr data-state=' "$1" | wc -l; }
check "part 1 lists 500 agreements" test "$(rows s/private/dashboard/agreements-1.html)" -eq 500
check "part 2 lists 107" test "$(rows s/private/dashboard/agreements-2.html)" -eq 107
ids=$(cat s/private/dashboard/agreements-*.html | grep -o '<span class="agreement-id">[^<]*' | cut -d'>' -f2)
check "every agreement is listed once" test "$(sort <<<"$ids" | uniq | wc -l)" -eq 607 -a "$(wc -l <<<"$ids")" -eq 607
check "part 1 holds amira's link, part 2 not" bash -c \
    "grep -q '<strong>Amira Testwell</strong>' s/private/dashboard/agreements-1.html && ! grep -q '<strong>Amira Testwell</strong>' s/private/dashboard/agreements-2.html"
check "part 2 holds the link of the person of zz-600" grep -q '<strong>Person 600</strong>' s/private/dashboard/agreements-2.html
check "a part's links lead back up to the site" \
    grep -q 'href="\.\./review/hugo-chen\.html"' s/private/dashboard/agreements-1.html
check "a part's personal links say the link they lead to" \
    grep -q '<a href="\(\.\./\.\./public/p/[^"]*\)">\1</a>' s/private/dashboard/agreements-2.html

for page in s/public/index.html s/public/forms/index.html; do
    check "$page links the two parts of the forms" \
        test "$(grep -o 'href="[./]*forms/agreements-[12]\.html"' "$page" | sort -u | wc -l)" -eq 2
    check "$page names the ids each part holds" grep -q '>Agreements 501 to 607</a>: zz-494 to zz-600' "$page"
    check "$page lists no agreement, and no plan" bash -c "! grep -q 'agreement-list\|idp-list' $page"
    check "$page is small" test "$(stat -c %s "$page")" -lt 20000
done
check "forms part 1 lists 500 agreements" test "$(grep -c 'mentee form</a>' s/public/forms/agreements-1.html)" -eq 500
check "forms part 2 lists 107" test "$(grep -c 'mentee form</a>' s/public/forms/agreements-2.html)" -eq 107
linked=$(cat s/public/forms/agreements-*.html | grep -o 'href="\.\./forms/[a-z0-9-]*-mentee\.html"' | sort)
check "every agreement's forms are linked once" \
    test "$(uniq <<<"$linked" | wc -l)" -eq 607 -a "$(wc -l <<<"$linked")" -eq 607
check "a part's title says which agreements it holds" \
    grep -q '<h1>Forms: agreements 501 to 607 of 607</h1>' s/public/forms/agreements-2.html
check "part 2 links the plans of its mentees" grep -q 'href="\.\./forms/idp-p600\.html"' s/public/forms/agreements-2.html
check "and not those of others" bash -c "! grep -q 'idp-p001\.html' s/public/forms/agreements-2.html"
check "a mentee of two agreements has her plan linked once" \
    test "$(grep -c 'href="\.\./forms/idp-amira\.html"' s/public/forms/agreements-1.html)" -eq 1
check "each plan once" test "$(grep -c 'href="\.\./forms/idp-' s/public/forms/agreements-2.html)" -eq 107

ino() { stat -c %i "$1"; }
before1=$(ino s/private/dashboard/agreements-1.html) before2=$(ino s/private/dashboard/agreements-2.html)
public_before=$(ino s/public/index.html)/$(ino s/public/forms/index.html)/$(ino s/public/forms/agreements-2.html)
mv hugo-mentor.accord c/bundles/
expect_exit 0 "rebuild with hugo-chen's mentor bundle" "$ACCORD" build -C c -o s
check "the part listing hugo-chen is written anew" test "$(ino s/private/dashboard/agreements-1.html)" != "$before1"
check "the other part is the same file" test "$(ino s/private/dashboard/agreements-2.html)" = "$before2"
check "its new signing page is linked from its part of the forms" \
    grep -q 'href="\.\./countersign/hugo-chen\.html"' s/public/forms/agreements-1.html
check "the home page, the forms page and the other part of the forms are the same files" \
    test "$(ino s/public/index.html)/$(ino s/public/forms/index.html)/$(ino s/public/forms/agreements-2.html)" = "$public_before"
expect_exit 0 "a clean build" "$ACCORD" build -C c -o clean
check "the rebuild is the clean build's site" same_site s clean
