# stem.mk - the Polish dictionary of glosy-stem(1).  polish.dict and
# polish.info are data, not code: they are taken out of morfologik-polish.jar
# of the Debian package libmorfologik-stemming2-java (PoliMorf, BSD-2-Clause;
# see lexicons/pl/README.md) with zlib by glosy-lexicon unjar.  No Java runs.
MORFOLOGIK_JAR ?= /usr/share/java/morfologik-polish.jar
MORFOLOGIK_DIR = morfologik/stemming/polish

DATA += lexicons/pl/polish.dict lexicons/pl/polish.info

lexicons/pl/polish.dict lexicons/pl/polish.info: bin/glosy-lexicon
	@test -f "$(MORFOLOGIK_JAR)" || { \
		echo "stem.mk: '$(MORFOLOGIK_JAR)' not found: install the" \
		    "Debian package libmorfologik-stemming2-java" \
		    "(sh .ci/deps.sh) or set MORFOLOGIK_JAR" >&2; exit 1; }
	bin/glosy-lexicon unjar "$(MORFOLOGIK_JAR)" \
		$(MORFOLOGIK_DIR)/$(@F) $@.tmp && mv -f $@.tmp $@
