#!/usr/bin/env bash
# check_usage.sh - `accord check` options and exit statuses: 0 clean, 1
# problems, 2 usage errors and files that cannot be read; --help; the
# default content directory; -C never changes the working directory.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
ACCORD=${ACCORD:-$ROOT/bin/accord}
. "$ROOT/tests/lib.sh"
VALID=$ROOT/tests/fixtures/content/valid

expect_exit 0 "--help" "$ACCORD" check --help
expect_stdout "^usage: accord check \[-C DIR\] \[--strict\] \[ANSWERS.xml \| BUNDLE.accord\]..." "--help prints the usage to stdout"
expect_stdout "Exit status: 0" "--help documents the exit statuses"

expect_exit 2 "an unknown option" "$ACCORD" check --frobnicate
expect_stderr "unknown option '--frobnicate'" "an unknown option is named"
expect_exit 2 "-C without a directory" "$ACCORD" check -C
expect_stderr "-C needs DIR" "-C without a directory is explained"
expect_exit 2 "a content directory that does not exist" "$ACCORD" check -C nowhere
expect_stderr "^accord: nowhere: no such content directory" "the missing directory is named"
touch afile
expect_exit 2 "a content directory that is a file" "$ACCORD" check -C afile

# Default content directory: ./content.
expect_exit 2 "no content/ here" "$ACCORD" check
expect_stderr "^accord: content: no such content directory" "the default is content/"
cp -R "$VALID" content
expect_exit 0 "content/ is the default" "$ACCORD" check
expect_stdout "^content: 2 questionnaires" "summary names the directory"
expect_exit 0 "-Cdir form" "$ACCORD" check -Ccontent

# -C never changes the working directory: an answers path that exists only
# relative to the content directory is not found.
expect_exit 2 "answers paths are not relative to -C" "$ACCORD" check -C content examples/ada-idp.xml
expect_exit 0 "answers paths are relative to the working directory" "$ACCORD" check -C content content/examples/ada-idp.xml
# Options may follow files; after "--" every word is a file.
expect_exit 0 "an option after a file is taken" "$ACCORD" check content/examples/ada-idp.xml -C content
expect_exit 0 "an option's argument may be attached" "$ACCORD" check -Ccontent content/examples/ada-idp.xml
expect_exit 2 "after --, -C is a file name" "$ACCORD" check -C content -- -C
expect_stderr "accord: -C: " "the file -C is named as a file"

# Content problems win over answers: the answers are not checked then.
sed -i 's/review-months="12"/review-months="3"/' content/program.xml
expect_exit 1 "broken content with an answers file" "$ACCORD" check content/examples/ada-idp.xml
expect_stderr "answers files and bundles not checked: fix the content first" "answers are skipped on broken content"
