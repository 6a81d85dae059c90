# tests/cli/help.sh - every command's help, the man pages and the parser
# agree: each option --help lists is accepted and documented in the man
# page, each option the man page lists is in --help, and nothing else is
# accepted. Also --version, "accord help CMD", and the man pages' lint.
. "$ROOT/tests/lib.sh"
MAN1="$ROOT/generator/man/accord.1"

expect_exit 0 "accord --version" "$ACCORD" --version
expect_stdout "^accord [0-9]+\.[0-9]+\.[0-9]+ \(libxml2 [0-9.]+, cmark-gfm [^,]+, libzip [0-9.]+, libsodium [0-9.]+, OpenSSL [0-9.]+\)$" \
    "--version names accord's version and the libraries' run-time versions"
expect_exit 0 "accord-verify --version" "$ACCORD_VERIFY" --version
expect_stdout "^accord-verify [0-9]+\.[0-9]+\.[0-9]+ \(libsodium [0-9.]+, libzip [0-9.]+, OpenSSL [0-9.]+\)$" \
    "accord-verify --version names its version and its libraries"
"$ACCORD" --version | grep -oE '^accord [0-9.]+' | cut -d' ' -f2 >v1
"$ACCORD_VERIFY" --version | grep -oE '^accord-verify [0-9.]+' | cut -d' ' -f2 >v2
check "the two programs have one version" cmp -s v1 v2

expect_exit 0 "accord help" "$ACCORD" help
cp "$T/stdout" general-help
expect_exit 2 "accord help of no such command" "$ACCORD" help frobnicate
expect_stderr "no command 'frobnicate'" "the unknown command is named"
expect_exit 2 "no command at all" "$ACCORD"

commands=$(sed -n '/^Commands:/,/^$/p' general-help | awk 'NF > 1 { print $1 }')
[ -n "$commands" ] && ok "the general help lists the commands" || not_ok "no command list"

# forms_of TEXT-FILE: one line per option of a help text: the command
# words of its form ("sign" or "sign --countersign"), a tab, the option, a
# tab, its argument (empty for a flag).
forms_of() {
    awk -F'\t' '/^usage: accord / { form = $0; sub(/^usage: accord /, "", form)
            n = split(form, w, " "); form = w[1]; if (w[2] == "--countersign") form = form " " w[2] }
        /^Options:/ { on = 1; next } /^[^ ]/ { on = 0 }
        on && /^  -/ { line = substr($0, 3); sub(/  .*/, "", line)
            if (line ~ /^-h, --help$/) next
            split(line, p, " "); print form "\t" p[1] "\t" p[2] }' "$1"
}
# options_of TEXT-FILE: the option names of a help text, sorted.
options_of() { forms_of "$1" | cut -f2 | sort -u; }
# man_options CMD: the options of the "accord CMD" subsections of accord(1).
man_options() {
    awk -v want="$1" '/^\.Ss / { sub(/^\.Ss /, ""); on = ($0 == "accord " want || \
        index($0, "accord " want " ") == 1); next } /^\.S[hs] / { on = 0 }
        on && /^\.It Fl / { print "-" $3 }' "$MAN1" | sort -u
}

for cmd in $commands; do
    [ "$cmd" = help ] && continue
    expect_exit 0 "accord $cmd --help" "$ACCORD" "$cmd" --help
    cp "$T/stdout" "help-$cmd"
    expect_exit 0 "accord help $cmd" "$ACCORD" help "$cmd"
    check "accord help $cmd is accord $cmd --help" cmp -s "$T/stdout" "help-$cmd"
    expect_exit 0 "accord $cmd -h" "$ACCORD" "$cmd" -h
    check "-h is --help for $cmd" cmp -s "$T/stdout" "help-$cmd"
    grep -q "^Exit status: 0 " "help-$cmd" && ok "$cmd --help gives the exit status" ||
        not_ok "$cmd --help lacks the exit status"
    options_of "help-$cmd" >"opts-$cmd"
    man_options "$cmd" >"man-$cmd"
    # a command without options needs its subsection all the same
    if { [ -s "man-$cmd" ] || grep -q "^\.Ss accord $cmd\$" "$MAN1"; } &&
        diff "opts-$cmd" "man-$cmd" >"diff-$cmd"; then
        ok "$cmd: --help and accord(1) list the same options"
    else
        not_ok "$cmd: --help and accord(1) differ"
        sed 's/^/# /' "diff-$cmd"
    fi
    # Every option listed is one its form's parser takes: given before
    # --help, the help is printed (an unknown option is a usage error).
    while IFS=$'\t' read -r form opt arg; do
        # shellcheck disable=SC2086
        expect_exit 0 "accord $form takes $opt${arg:+ $arg}" "$ACCORD" $form "$opt" ${arg:+x} --help
    done < <(forms_of "help-$cmd")
    expect_exit 2 "accord $cmd refuses an option it does not list" "$ACCORD" "$cmd" --no-such-option
    expect_stderr "unknown option '--no-such-option'" "$cmd: the unknown option is named"
done

# The countersign form is documented in sign's help, with its own options.
grep -q "^usage: accord sign --countersign" help-sign && ok "sign --help shows --countersign" ||
    not_ok "sign --help lacks --countersign"
grep -q "^  -r KEYDIR" help-sign && ok "sign --help lists countersign's -r" ||
    not_ok "sign --help lacks -r"
expect_exit 0 "accord sign --countersign --help" "$ACCORD" sign --countersign --help
check "sign --countersign --help is sign --help's countersign part" \
    grep -q "^usage: accord sign --countersign" "$T/stdout"
# -r is countersign's only: signing answers refuses it.
expect_exit 2 "accord sign (answers) refuses -r" "$ACCORD" sign -r keys -s k -o o a.xml
expect_stderr "unknown option '-r'" "-r named as unknown to sign"

# Arguments: attached, missing, and "--".
expect_exit 2 "an option missing its argument" "$ACCORD" build -o
expect_stderr "build: -o needs DIR" "the missing argument is named"
expect_exit 2 "keygen takes no file" "$ACCORD" keygen -p a.pub -s a.key extra
expect_stderr "takes no file; 'extra'" "the extra word is named"
expect_exit 2 "sign takes one answers file" "$ACCORD" sign -s k -o o a.xml b.xml
expect_stderr "one answers file at a time; 'b.xml'" "the second file is named"

# accord-verify's options are documented in accord-verify(1).
expect_exit 0 "accord-verify --help" "$ACCORD_VERIFY" --help
cp "$T/stdout" help-verify
grep -oE '^  -[-a-zA-Z]+' help-verify | tr -d ' ' | grep -vxE -- '-h|--help' | sort -u >opts-verify
grep -E '^\.It Fl ' "$ROOT/verifier/man/accord-verify.1" | awk '{ print "-" $3 }' | tr -d '\\' |
    grep -vxE -- '-h|--help' | sort -u >man-verify
if [ -s opts-verify ] && diff opts-verify man-verify >diff-verify; then
    ok "accord-verify: --help and accord-verify(1) list the same options"
else
    not_ok "accord-verify: --help and accord-verify(1) differ"
    sed 's/^/# /' diff-verify
fi

# The man pages lint clean (mandoc) and render.
for page in "$MAN1" "$ROOT/verifier/man/accord-verify.1" "$ROOT/verifier/man/accord-bundle.5"; do
    name=$(basename "$page")
    if mandoc -T lint -W warning "$page" >"lint-$name" 2>&1; then
        ok "$name lints clean"
    else
        not_ok "$name has lint warnings"
        sed 's/^/# /' "lint-$name" | head -10
    fi
    mandoc -T utf8 "$page" >"$name.txt" 2>/dev/null
    [ "$(wc -l <"$name.txt")" -gt 20 ] && ok "$name renders" || not_ok "$name renders empty"
done
