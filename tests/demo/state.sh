# shellcheck shell=bash
# state.sh - reads an agreement's state from a built site's private index
# (contract D4). Source it after tests/lib.sh; run from the directory that
# holds the site (site/).

# row AGREEMENT: the <tr> of AGREEMENT in $SITE/private/index.html (SITE
# defaults to site), on one line.
row() { tr -d '\n' <"${SITE:-site}"/private/index.html | sed 's/<tr[ >]/\n&/g' | grep -F ">$1<" | head -1; }
# state AGREEMENT: the text of its state cell (tags dropped, lower case).
state() {
    row "$1" | sed -n 's/.*class="state[^"]*"[^>]*>\(.*\)/\1/p' | sed 's#</td>.*##; s/<[^>]*>//g' |
        tr '[:upper:]' '[:lower:]'
}
# expect_state AGREEMENT STATE WHAT: the private index shows STATE (an id of
# contract D4 such as mentee-answered, as a data-state or state- token, or as
# the start of its state cell's text: "mentee answered…").
expect_state() {
    local r s
    r=$(row "$1") s=$(state "$1")
    if printf '%s' "$r" | grep -Eq -- "data-state=\"$2\"|state-$2[\" ]" ||
        printf '%s' "$s" | grep -Eq -- "^[[:space:]]*${2//-/ }"; then ok "$3"; else
        not_ok "$3: the private index row of $1 does not say $2"
        printf '# row: %s\n' "${r:0:600}"
    fi
}
