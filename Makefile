# accord - see README.md. `make site` and `make check` are the two promises.

# pkg-config name:Debian package, for each library the build links
PKG_DEBS  := libcmark-gfm:libcmark-gfm-dev libxml-2.0:libxml2-dev libzip:libzip-dev \
             libsodium:libsodium-dev libcrypto:libssl-dev
PKGS      := $(foreach p,$(PKG_DEBS),$(firstword $(subst :, ,$(p))))
VPKGS     := libzip libsodium libcrypto
DEB_BUILD := build-essential pkg-config xxd libcmark-gfm-dev libcmark-gfm-extensions-dev \
             libxml2-dev libzip-dev libsodium-dev libssl-dev nodejs npm
DEB_TEST  := clang clang-format libclang-rt-14-dev minisign unzip zip chromium poppler-utils nodejs mandoc python3-icalendar \
             time

VERSION   := 0.3.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/accord
MANDIR    ?= $(PREFIX)/share/man
CC        ?= cc
CFLAGS    ?= -O2 -g
WARN      := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
             -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
SANITIZE  ?=

ifeq ($(SANITIZE),)
BIN       := bin
else
BIN       := bin/san
CFLAGS    += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS   += -fsanitize=$(SANITIZE)
endif
OBJ       := $(BIN)/obj

PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
VPKG_CFLAGS = $(shell pkg-config --cflags $(VPKGS) 2>/dev/null)
VPKG_LIBS   = $(shell pkg-config --libs $(VPKGS) 2>/dev/null)

# verifier/verify/ is all accord-verify runs; verifier/sign/ (writing and
# signing) is linked by accord only.
VERIFY_SRC   := $(filter-out verifier/verify/main.c,$(wildcard verifier/verify/*.c))
VERIFY_OBJ   := $(VERIFY_SRC:%.c=$(OBJ)/%.o)
VERIFY_LIB   := $(OBJ)/libaccordverify.a
SIGN_SRC     := $(wildcard verifier/sign/*.c)
SIGN_OBJ     := $(SIGN_SRC:%.c=$(OBJ)/%.o)
SIGN_LIB     := $(OBJ)/libaccordsign.a
# generator/: cmd -> content -> bundles -> render, on base (and keys, and
# seal for personal links); each folder has one public header, found
# through these include paths.
GEN_DIRS     := base seal keys content bundles render cmd
GEN_INC      := $(GEN_DIRS:%=-Igenerator/%) -Iverifier/verify -Iverifier/sign
GEN_SRC      := $(wildcard $(GEN_DIRS:%=generator/%/*.c))
GEN_OBJ      := $(GEN_SRC:%.c=$(OBJ)/%.o) $(OBJ)/schemas.o $(OBJ)/datadir.o
# The pages' crypto: pinned npm packages bundled into one classic script of
# the default theme (node builds it; accord never runs node).
CRYPTO_SRC   := themes/default/crypto-src
CRYPTO_JS    := themes/default/crypto.js
CRYPTO_LIC   := themes/default/crypto-licenses.txt
SCHEMAS      := $(sort $(wildcard generator/content/schemas/*.xsd))

.PHONY: all deps deps-test pkgcheck site check demo-bundles fuzz bench format clean install \
        uninstall FORCE
all: $(BIN)/accord $(BIN)/accord-verify $(CRYPTO_JS)

# --- dependencies: install only what is missing (Debian 12) ---------------
define apt_missing
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	  grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if command -v node >/dev/null && command -v npm >/dev/null; then \
	  missing=$$(echo $$missing | tr ' ' '\n' | grep -vxE 'nodejs|npm' | tr '\n' ' '); fi; \
	if [ -n "$$(echo $$missing)" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_missing,$(DEB_BUILD))

deps-test: deps
	$(call apt_missing,$(DEB_TEST))
	@cd tests/browser && { [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] && \
	  [ -d node_modules/eslint ] && [ -d node_modules/@eslint/js ] && [ -d node_modules/globals ] || \
	  npm ci --no-audit --no-fund --loglevel=error; }

# --- build ------------------------------------------------------------------
# Before compiling: every library pkg-config must find, or the Debian
# package that provides it named (rather than a compile error later).
MAKE_DEPS_SAYS := ('make deps' installs what is missing)
pkgcheck:
	@command -v pkg-config >/dev/null || { echo "accord: pkg-config is missing: install" \
	  "the Debian package pkg-config $(MAKE_DEPS_SAYS)" >&2; exit 1; }
	@for p in $(PKG_DEBS); do pkg-config --exists $${p%%:*} || { echo "accord: pkg-config" \
	  "finds no $${p%%:*}: install the Debian package $${p#*:} $(MAKE_DEPS_SAYS)" >&2; \
	  exit 1; }; done

$(OBJ)/verifier/verify/%.o: verifier/verify/%.c | pkgcheck
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(VPKG_CFLAGS) -MMD -MP -c $< -o $@

$(OBJ)/verifier/sign/%.o: verifier/sign/%.c | pkgcheck
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(VPKG_CFLAGS) -Iverifier/verify -MMD -MP -c $< -o $@

$(OBJ)/generator/%.o: generator/%.c | pkgcheck
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) $(GEN_INC) -MMD -MP -c $< -o $@

$(OBJ)/schemas.c: $(SCHEMAS) Makefile
	@mkdir -p $(@D)
	@{ echo '/* generated from generator/content/schemas by the Makefile */'; \
	  echo '#include "schemas.h"'; \
	  for f in $(SCHEMAS); do n=$$(basename $$f .xsd | tr - _); \
	    echo "static const unsigned char schema_$$n[] = {"; xxd -i < $$f; echo ', 0x00};'; done; \
	  echo 'const embedded_schema embedded_schemas[] = {'; \
	  for f in $(SCHEMAS); do n=$$(basename $$f .xsd | tr - _); \
	    echo "    {\"$$(basename $$f .xsd)\", schema_$$n, sizeof schema_$$n - 1},"; done; \
	  echo '    {0, 0, 0}};'; } > $@.tmp && mv $@.tmp $@

$(OBJ)/schemas.o: $(OBJ)/schemas.c generator/content/schemas.h
	$(CC) $(WARN) $(CFLAGS) -Igenerator/content -c $< -o $@

# The data directory compiled in, where an installed accord finds its
# themes, and the version, which the signing kit's page names: rewritten
# only when DATADIR or VERSION changes, so a rebuild follows it.
$(OBJ)/datadir.c: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' '/* generated by the Makefile from DATADIR and VERSION */' '#include "base.h"' \
	  'const char accord_datadir_default[] = "$(DATADIR)";' \
	  'const char accord_version[] = "$(VERSION)";' > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(CRYPTO_SRC)/node_modules/.package-lock.json: $(CRYPTO_SRC)/package-lock.json
	cd $(CRYPTO_SRC) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(CRYPTO_JS): $(CRYPTO_SRC)/entry.mjs $(CRYPTO_SRC)/build.sh $(CRYPTO_SRC)/node_modules/.package-lock.json
	sh $(CRYPTO_SRC)/build.sh $(CRYPTO_JS) $(CRYPTO_LIC)

$(OBJ)/datadir.o: $(OBJ)/datadir.c generator/base/base.h
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) $(GEN_INC) -c $< -o $@

# The two programs name their version (VERSION above) in --version.
$(OBJ)/generator/main.o $(OBJ)/verifier/verify/main.o: Makefile
$(OBJ)/generator/main.o $(OBJ)/verifier/verify/main.o: CFLAGS += -DACCORD_VERSION='"$(VERSION)"'

$(VERIFY_LIB): $(VERIFY_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(SIGN_LIB): $(SIGN_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN)/accord: $(OBJ)/generator/main.o $(GEN_OBJ) $(SIGN_LIB) $(VERIFY_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread

$(BIN)/accord-verify: $(OBJ)/verifier/verify/main.o $(VERIFY_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(VPKG_LIBS) -lpthread

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)

# --- the two promises ---------------------------------------------------------
site: deps
	$(MAKE) all
	TZ=UTC0 $(BIN)/accord build -C content -o site

check: deps-test
	$(MAKE) all
	@BIN=$(BIN) CC="$(CC)" CFLAGS="$(WARN) $(CFLAGS)" LDFLAGS="$(LDFLAGS)" SANITIZE="$(SANITIZE)" \
	  bash tests/run

# The demo's signed bundles: signs with the demo keys at fixed times (make site never signs).
demo-bundles: deps
	$(MAKE) all
	ACCORD=$(CURDIR)/$(BIN)/accord ACCORD_VERIFY=$(CURDIR)/$(BIN)/accord-verify bash tests/demo/make-bundles.sh

fuzz: deps-test
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-60} bash tests/fuzz/run

bench: deps-test
	$(MAKE) all
	@BIN=$(BIN) bash tests/bench/run

format:
	bash tests/lint/c_format.sh --apply

# --- install -----------------------------------------------------------------
# What an installed accord needs: its programs, its themes, the starter
# content (the standard questionnaires and guide pages a new program
# copies) and the man pages. uninstall removes exactly these.
DATA_FILES    := $(sort $(shell find themes -type f -not -path '$(CRYPTO_SRC)/*' \
                   -not -path $(CRYPTO_JS) -not -path $(CRYPTO_LIC)) $(CRYPTO_JS) $(CRYPTO_LIC))
STARTER_FILES := $(sort $(wildcard content/questionnaires/*.xml content/guide/*.md))
MAN_PAGES     := generator/man/accord.1 verifier/man/accord-verify.1 verifier/man/accord-bundle.5
INSTALLED     := $(BINDIR)/accord $(BINDIR)/accord-verify $(DATA_FILES:%=$(DATADIR)/%) \
                 $(STARTER_FILES:content/%=$(DATADIR)/starter/%) \
                 $(foreach m,$(MAN_PAGES),$(MANDIR)/man$(subst .,,$(suffix $(m)))/$(notdir $(m)))

install: all
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(BIN)/accord $(BIN)/accord-verify $(DESTDIR)$(BINDIR)/
	@for f in $(DATA_FILES); do install -D -m 644 $$f $(DESTDIR)$(DATADIR)/$$f || exit 1; done
	@for f in $(STARTER_FILES); do \
	  install -D -m 644 $$f $(DESTDIR)$(DATADIR)/starter/$${f#content/} || exit 1; done
	@for m in $(MAN_PAGES); do s=$${m##*.}; \
	  install -D -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s/$${m##*/} || exit 1; done
	@echo "installed accord $(VERSION) in $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f $(INSTALLED:%=$(DESTDIR)%)
	@if [ -d $(DESTDIR)$(DATADIR) ]; then \
	  find $(DESTDIR)$(DATADIR) -depth -type d -empty -delete; fi

clean:
	rm -rf bin site tests/out $(CRYPTO_JS) $(CRYPTO_LIC)
