#!/usr/bin/env bash
# What a form page gives its scripts for signing: data-questionnaire-bytes
# (base64 of the effective questionnaire's canonical bytes: their SHA-256 is
# data-digest, and they are the questionnaire.xml accord sign puts in a
# bundle for that form) and data-keys-mentee / data-keys-mentor (the key
# lines of content/keys/ for the form's own two parties, in file-name order).
. "$(dirname "$0")/../lib.sh"
C=$ROOT/content

# attr NAME FILE: the value of the form's attribute NAME (empty when absent).
attr() { grep -o "<form [^>]*>" "$2" | grep -o " $1=\"[^\"]*\"" | sed 's/^[^"]*"//; s/"$//'; }
# key_line PARTY [DIR]: the second line of DIR/PARTY.pub.
key_line() { sed -n 2p "${2:-$C/keys}/$1.pub"; }

expect_exit 0 "build the demo" "$ACCORD" build -C "$C" -o out
forms=$(find out -path '*/forms/*.html' ! -name index.html | sort; ls out/private/review/*.html)

bad_digest="" n=0
for f in $forms; do
    n=$((n + 1))
    attr data-questionnaire-bytes "$f" | base64 -d >q.xml 2>/dev/null || bad_digest="$bad_digest $f"
    [ "$(sha256sum <q.xml | cut -c1-64)" = "$(attr data-digest "$f")" ] || bad_digest="$bad_digest $f"
done
[ "$n" -ge 20 ] && [ -z "$bad_digest" ] && ok "on all $n forms the bytes' SHA-256 is data-digest" ||
    not_ok "bytes and digest differ:$bad_digest"
check "the bytes are one line of standard base64 with padding" \
    grep -Eq ' data-questionnaire-bytes="[A-Za-z0-9+/]+={0,2}"' out/public/forms/amira-chen-mentee.html

# the very bytes accord sign puts in a bundle for the same form
for f in "$C"/examples/*.xml; do
    case $f in *-r2.xml) continue ;; esac
    ag=$(grep -Eo ' agreement="[a-z0-9-]+"' "$f" | head -1 | cut -d'"' -f2)
    role=$(grep -Eo ' role="[a-z]+"' "$f" | head -1 | cut -d'"' -f2)
    party=$(grep -Eo ' party="[a-z0-9-]+"' "$f" | head -1 | cut -d'"' -f2)
    run "$ACCORD" sign -C "$C" -s "$C/keys/demo-secret/$party.key" "$f" -o "$ag-$role.accord"
    if [ "$rc" -ne 0 ]; then
        not_ok "accord sign $(basename "$f"): exit $rc"
        continue
    fi
    unzip -p "$ag-$role.accord" questionnaire.xml >bundle-q.xml
    attr data-questionnaire-bytes "out/public/forms/$ag-$role.html" | base64 -d >page-q.xml
    check "forms/$ag-$role.html: the bytes are the questionnaire.xml accord sign bundles" \
        cmp bundle-q.xml page-q.xml
done

# the keys: each form's own two parties, the second line of their .pub
bad_keys=""
for f in out/public/forms/*-mentee.html out/public/forms/*-mentor.html; do
    ag=$(attr data-agreement "$f")
    mentee=$(grep -o "<agreement [^>]*id=\"$ag\"[^>]*>" "$C/people.xml" | grep -o ' mentee="[^"]*"' | cut -d'"' -f2)
    mentor=$(grep -o "<agreement [^>]*id=\"$ag\"[^>]*>" "$C/people.xml" | grep -o ' mentor="[^"]*"' | cut -d'"' -f2)
    [ -n "$mentee" ] && [ "$(attr data-keys-mentee "$f")" = "$(key_line "$mentee")" ] &&
        [ "$(attr data-keys-mentor "$f")" = "$(key_line "$mentor")" ] || bad_keys="$bad_keys $f"
done
[ -z "$bad_keys" ] && ok "agreement forms carry both parties' keys" || not_ok "keys differ:$bad_keys"
bad_keys=""
for f in out/public/forms/idp-*.html; do
    party=$(attr data-party "$f")
    [ "$(attr data-keys-mentee "$f")" = "$(key_line "$party")" ] &&
        ! grep -q 'data-keys-mentor=' "$f" || bad_keys="$bad_keys $f"
done
[ -z "$bad_keys" ] && ok "IDP forms carry the mentee's keys only" || not_ok "IDP keys:$bad_keys"

# several keys of one party, in file-name order; a look-alike party's key
# and a party without keys
cp -R "$C" c
"$ACCORD" keygen -W -p c/keys/amira.2.pub -s two.key >/dev/null 2>&1
"$ACCORD" keygen -W -p c/keys/amira.b-laptop.pub -s b.key >/dev/null 2>&1
"$ACCORD" keygen -W -p c/keys/amira-x.pub -s x.key >/dev/null 2>&1
rm c/keys/chen.pub
expect_exit 0 "build with three keys for amira and none for chen" "$ACCORD" build -C c -o out2
want="$(key_line amira.2 c/keys) $(key_line amira.b-laptop c/keys) $(key_line amira c/keys)"
check "amira's keys in file-name order, no one else's" \
    test "$(attr data-keys-mentee out2/public/forms/amira-chen-mentee.html)" = "$want"
check "a party without keys: the attribute is there, empty" \
    grep -q ' data-keys-mentor="" ' out2/public/forms/amira-chen-mentee.html
check "other forms are unchanged: ben's own key only" \
    test "$(attr data-keys-mentor out2/public/forms/ines-ben-mentor.html)" = "$(key_line ben)"
