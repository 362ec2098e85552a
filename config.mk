# config.mk - version and install paths; edit or override on the command line.
VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/glosy

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
STEMMER_LIBS ?= -lstemmer
