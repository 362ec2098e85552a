# pipeline/glosy.mk - the driver's part of the build: its section-5 page
# and the default pipeline file, which `glosy run` finds under DATADIR.
MANS += $(wildcard pipeline/*.5)

install: install-pipeline
install-pipeline:
	mkdir -p $(DESTDIR)$(DATADIR)/pipeline
	cp -f pipeline/default $(DESTDIR)$(DATADIR)/pipeline/default
	chmod 644 $(DESTDIR)$(DATADIR)/pipeline/default

.PHONY: install-pipeline
