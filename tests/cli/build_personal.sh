#!/usr/bin/env bash
# build_personal.sh - personal pages on a copy of the demo content: one
# public/p/<opaque>.html per party of an agreement, naming nobody in clear;
# byte-identical rebuilds; a new secret renames every page, a raised
# link-epoch one person's alone; the private index lists every link, and
# each link opens its own person's sealed home (personal_open.mjs, with the
# page script's @noble/ciphers); no secret, no p/ folder.
. "$(dirname "$0")/../lib.sh"
OPEN=$ROOT/tests/cli/personal_open.mjs
export ROOT

cp -R "$ROOT/content" c
expect_exit 0 "build the demo" "$ACCORD" build -C c -o s1
expect_exit 0 "build it again" "$ACCORD" build -C c -o s2

# the people of some agreement, as "id<TAB>name" lines
parties=$(grep -o '<agreement [^>]*>' c/people.xml | grep -Eo '(mentee|mentor)="[^"]*"' |
    sed 's/.*="\(.*\)"/\1/' | sort -u)
n=$(wc -w <<<"$parties")
people() { grep -o '<person id="[^"]*" name="[^"]*"' c/people.xml | sed 's/<person id="\([^"]*\)" name="\([^"]*\)"/\1\t\2/'; }
name_of() { people | awk -F'\t' -v id="$1" '$1 == id { print $2 }'; }

pages() { (cd "$1/public/p" && ls); }
check "one personal page per party of an agreement ($n)" test "$(pages s1 | wc -l)" -eq "$n"
check "each is named by 32 hex characters" \
    bash -c '! (cd s1/public/p && ls) | grep -Evq "^[0-9a-f]{32}\.html$"'
check "two builds are byte-identical" diff -r s1/public/p s2/public/p
check "the page names nobody" grep -q '<title>Your pages – ' "s1/public/p/$(pages s1 | head -1)"

# whole words outside the sealed pages' base64
clear=$(cat s1/public/p/*.html | sed 's/data-sealed="[^"]*"//g')
leaks=0
while IFS=$'\t' read -r id name; do
    if grep -qwF -- "$name" <<<"$clear" || grep -qwF -- "$id" <<<"$clear"; then
        not_ok "a personal page names $id in clear"
        leaks=1
    fi
done < <(people)
[ "$leaks" = 0 ] && ok "no person's full name or party id in clear in any personal page"
check "each page holds its sealed home" \
    bash -c '[ "$(grep -l "data-page=\"index.html\" data-sealed=" s1/public/p/*.html | wc -l)" -eq '"$n"' ]'

# the links of the private index, one per party
links=$(grep -o 'href="\.\./public/p/[0-9a-f]*\.html#k=[A-Za-z0-9_-]*"' s1/private/index.html |
    sed 's/^href="//; s/"$//' | sort -u)
check "the private index lists $n links" test "$(wc -l <<<"$links")" -eq "$n"
check "under Personal links" grep -q '<h2>Personal links</h2>' s1/private/index.html
opened=0
for id in $parties; do
    name=$(name_of "$id")
    link=$(grep -F -A3 "<strong>$name</strong>" s1/private/index.html | grep -o 'href="\.\./public/p/[^"]*"' |
        head -1 | sed 's/^href="//; s/"$//')
    if [ -z "$link" ]; then
        not_ok "the private index lists no link for $id"
        continue
    fi
    if ! node "$OPEN" s1 "$link" index.html >home.html; then
        not_ok "$id's link does not open their home"
        continue
    fi
    grep -qF "Hello, $name." home.html || not_ok "$id's home does not greet $name"
    [ "$id" = chen ] && cp home.html chen-home.html
    while IFS=$'\t' read -r other oname; do
        [ "$other" = "$id" ] && continue
        if grep -qF "Hello, $oname." home.html; then not_ok "$id's home greets $oname"; fi
    done < <(people)
    opened=$((opened + 1))
done
check "every link opens its person's home and greets them alone" test "$opened" -eq "$n"
# a mentor of three mentees finds each of them, and a form of each, on one home
for mentee in "Amira Testwell" "Farid Mockingham" "Hugo Dummett"; do
    check "chen's home names his mentee $mentee" grep -qF "$mentee" chen-home.html
done
check "chen's home links three agreements' forms" \
    test "$(grep -o 'data-personal-page="form-[0-9]*\.html"' chen-home.html | sort -u | wc -l)" -eq 3
first=$(head -1 <<<"$links")
check "a sealed form opens too" bash -c "node '$OPEN' s1 '$first' form-1.html | grep -q 'id=\"accord-form\"'"
check "sealed pages are named without agreement ids" \
    bash -c '! grep -o "data-page=\"[^\"]*\"" s1/public/p/*.html | grep -Evq "\"(index|idp|(form|review|countersign)-[0-9]+|agreement-[0-9]+-r[0-9]+)\.html\"$|\"agreement-[0-9]+-r[0-9]+\.accord\"$"'
wrong=${first%#k=*}#k=$(sed 's/^#k=//' <<<"${first#*#}" | tr 'A-Za-z' 'B-ZAb-za')
expect_exit 1 "a changed key opens nothing" node "$OPEN" s1 "$wrong" index.html

# a new secret renames every page
cp -R c c2 && rm c2/secret
expect_exit 0 "accord secret into a copy without one" "$ACCORD" secret -C c2
expect_exit 0 "build with the new secret" "$ACCORD" build -C c2 -o s3
check "still $n pages" test "$(pages s3 | wc -l)" -eq "$n"
check "no page keeps its name" test -z "$(comm -12 <(pages s1) <(pages s3))"

# a raised link-epoch renames one person's page
id=$(head -1 <<<"$parties")
cp -R c c3
sed -i "s/<person id=\"$id\"/<person id=\"$id\" link-epoch=\"1\"/" c3/people.xml
expect_exit 0 "build with $id's link-epoch raised" "$ACCORD" build -C c3 -o s4
check "one page renamed" test "$(comm -23 <(pages s1) <(pages s4) | wc -l)" -eq 1
SOURCE_DATE_EPOCH=4102444800 "$ACCORD" build -C c -o s1later >/dev/null 2>&1
check "a build dated 2100 gives the same personal pages: no review is decided by the build's clock" \
    diff -r s1/public/p s1later/public/p
check "the others unchanged, byte for byte" \
    bash -c 'for f in $(comm -12 <(cd s1/public/p && ls) <(cd s4/public/p && ls)); do cmp -s s1/public/p/$f s4/public/p/$f || exit 1; done'
new=$(comm -13 <(pages s1) <(pages s4))
link=$(grep -o "href=\"\.\./public/p/$new#k=[^\"]*\"" s4/private/index.html | sed 's/^href="//; s/"$//' | sort -u)
check "the renamed page opens with its new link and greets $id" \
    bash -c "node '$OPEN' s4 '$link' index.html | grep -qF 'Hello, $(name_of "$id")'"

# no secret: no personal pages, and nothing on the private index
cp -R c c4 && rm c4/secret
expect_exit 0 "build without a secret" "$ACCORD" build -C c4 -o s5
expect_stderr "no secret, so no personal pages were written: run 'accord secret -C c4' to make one" \
    "the build says how to make a secret"
check "no p/ folder" test ! -e s5/public/p
check "no Personal links" bash -c '! grep -q "Personal links" s5/private/index.html'
