#!/usr/bin/env bash
# accord build when something is wrong: nothing written, the old site kept.
. "$(dirname "$0")/../lib.sh"
FIX=$ROOT/tests/fixtures/site/basic

cp -R "$FIX" c
expect_exit 0 "first build" "$ACCORD" build -C c -o out
cp -R out before

# broken content: exit 1, previous site untouched, no temp dir left
sed -i 's/mentor="grace"/mentor="nobody"/' c/people.xml
expect_exit 1 "build with broken content" "$ACCORD" build -C c -o out
expect_stderr "people.xml" "the error names the file"
check "previous site untouched" same_site before out
check "no temporary directory left" test -z "$(find out -maxdepth 1 -name '.build-*')"
expect_exit 1 "broken content into a new root" "$ACCORD" build -C c -o fresh
check "nothing written for broken content" test ! -e fresh
cp "$FIX/people.xml" c/people.xml

# a resource href with javascript: is refused by the content checks
sed -i 's|href="https://example.edu/mentoring"|href="javascript:alert(1)"|' c/program.xml
expect_exit 1 "javascript: resource href refused" "$ACCORD" build -C c -o out
check "site untouched after refused href" same_site before out
cp "$FIX/program.xml" c/program.xml
sed -i 's|further-resources href="https://example.edu/career"|further-resources href="JavaScript:alert(1)"|' c/program.xml
expect_exit 1 "javascript: further-resources href refused" "$ACCORD" build -C c -o out
cp "$FIX/program.xml" c/program.xml
sed -i 's|href="https://example.edu/idp-extra"|href="data:text/html,x"|' c/program.xml
expect_exit 1 "data: IDP href refused" "$ACCORD" build -C c -o out
check "site untouched after refused hrefs" same_site before out
cp "$FIX/program.xml" c/program.xml

# unknown theme: clear error, exit 1, nothing written
sed -i 's/theme="default"/theme="no-such-theme"/' c/program.xml
expect_exit 1 "unknown theme" "$ACCORD" build -C c -o out
expect_stderr "unknown theme 'no-such-theme'" "unknown theme named"
check "site untouched after unknown theme" same_site before out
expect_exit 1 "unknown theme into a new root" "$ACCORD" build -C c -o fresh2
check "nothing written for unknown theme" test ! -e fresh2
sed -i 's/theme="no-such-theme"/theme="..\/..\/etc"/' c/program.xml
expect_exit 1 "theme name climbing out of themes/" "$ACCORD" build -C c -o out
cp "$FIX/program.xml" c/program.xml

# a guide page over the Markdown limits: exit 1, site kept, file named
head -c 70000 /dev/zero | tr '\0' a >c/guide/huge.md
expect_exit 1 "guide page larger than MARKDOWN_MAX" "$ACCORD" build -C c -o out
expect_stderr "huge.md" "the error names the page"
check "site untouched after a huge page" same_site before out
check "no temporary directory after a failed render" test -z "$(find out -maxdepth 1 -name '.build-*')"
rm c/guide/huge.md
printf '# Wide\n\n%s\n' "$(printf '|%.0s' $(seq 1 300))" >c/guide/wide.md
expect_exit 1 "table wider than the '|' limit" "$ACCORD" build -C c -o out
expect_stderr "wide.md:3" "the error names page and line"
check "site untouched after a wide table" same_site before out
rm c/guide/wide.md
pipes=$(printf '|%.0s' $(seq 1 300))
sed -i "s/<help>Pick one.<\/help>/<help>$pipes<\/help>/" c/questionnaires/main.xml
expect_exit 1 "help text wider than the '|' limit" "$ACCORD" build -C c -o fresh3
expect_stderr "main.xml \(help of question frequency\):1: more than 200" "the error names file and question"
check "nothing written for a wide help text" test ! -e fresh3
cp "$FIX/questionnaires/main.xml" c/questionnaires/main.xml

# an unwritable site root: exit 2 (not as root: permissions do not bind)
if [ "$(id -u)" != 0 ]; then
    mkdir ro && chmod 555 ro
    expect_exit 2 "unwritable output" "$ACCORD" build -C c -o ro/site
    chmod 755 ro
fi

# two pages on one path (agreement "idp" + mentee "mentee"): a content error
cp -R "$FIX" col
sed -i 's|<person id="mary" name="Mary Jackson"/>|&\n  <person id="mentee" name="Men Tee"/>\n  <agreement id="idp" mentee="ada" mentor="kat"/>\n  <agreement id="mentee-kat" mentee="mentee" mentor="kat"/>|' col/people.xml
expect_exit 1 "two pages on one path refused" "$ACCORD" build -C col -o colout
expect_stderr "public/forms/idp-mentee.html" "the clash is named"
check "nothing written for a clash" test ! -e colout
