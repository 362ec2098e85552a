/*
 * t-codebook.c - unit tests of the theme codebook loader: a good file, and
 * every error with its "FILE:LINE: message".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "glosy.h"
#include "codebook.h"

static char path[64];

static struct codebook *
load(const char *text, char *err, size_t errlen)
{
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL)
		return NULL;
	fputs(text, fp);
	fclose(fp);
	err[0] = '\0';
	return codebook_load(path, err, errlen);
}

/* Checks that text fails with err ending in want (after "FILE:"). */
static void
bad(const char *text, const char *want, const char *what)
{
	struct codebook *cb;
	char err[600];
	const char *p;

	cb = load(text, err, sizeof(err));
	p = strchr(err, ':');
	CHECK(cb == NULL && p != NULL && strcmp(p + 1, want) == 0,
	    "%s: got '%s'", what, err);
	codebook_free(cb);
}

int
main(void)
{
	struct codebook *cb;
	char err[600];
	int fd;

	snprintf(path, sizeof(path), "/tmp/t-codebook.XXXXXX");
	if ((fd = mkstemp(path)) < 0)
		return 1;
	close(fd);

	cb = load("# themes\n"
	    "@theme green   # trees\n"
	    "@label en Green  areas\n"
	    "@label pl Zieleń\n"
	    "Zieleń drzewo\tpark\n"
	    "teren_zielony\n"
	    "\n"
	    "@theme cycling\n"
	    "rower ścieżka_rowerowa\n", err, sizeof(err));
	CHECK(cb != NULL, "a good codebook loads (%s)", err);
	if (cb != NULL) {
		CHECK(cb->nthemes == 2, "two themes");
		CHECK(strcmp(cb->themes[0].id, "green") == 0 &&
		    cb->themes[0].line == 2, "id and line of the first");
		CHECK(strcmp(cb->themes[0].label_en, "Green  areas") == 0,
		    "labels keep case and inner blanks");
		CHECK(strcmp(cb->themes[0].label_pl, "Zieleń") == 0,
		    "Polish label");
		CHECK(cb->themes[0].nseeds == 4 &&
		    strcmp(cb->themes[0].seeds[0], "zieleń") == 0 &&
		    strcmp(cb->themes[0].seeds[3], "teren_zielony") == 0,
		    "seeds are folded, in order, tabs separate");
		CHECK(cb->themes[1].label_en == NULL &&
		    cb->themes[1].label_pl == NULL, "labels are optional");
		CHECK(codebook_find(cb, "cycling") == 1 &&
		    codebook_find(cb, "sport") == -1, "codebook_find");
	}
	codebook_free(cb);
	codebook_free(NULL);

	bad("@theme a\nx\n@thema b\n", "3: unknown directive '@thema'",
	    "unknown directive");
	bad("zieleń\n@theme a\n", "1: seed 'zieleń' before any @theme",
	    "seed before any theme");
	bad("@theme a\nx\n@theme a\ny\n", "3: duplicate theme 'a'",
	    "duplicate theme");
	bad("@theme a\nx Y y\n", "2: duplicate seed 'y' in theme 'a'",
	    "duplicate seed after folding");
	bad("@theme a\n@theme b\nx\n", "2: theme 'a' has no seeds",
	    "theme without seeds");
	bad("@theme a\nx\n@theme b\n", "3: theme 'b' has no seeds",
	    "last theme without seeds");
	bad("@theme Green\nx\n", "1: bad theme id 'Green' (use a-z, 0-9 and _)",
	    "bad id");
	bad("@theme d07\nx\n", "1: theme id 'd07' is reserved",
	    "discovered ids are reserved");
	bad("@theme no_content\nx\n", "1: theme id 'no_content' is reserved",
	    "no_content is reserved");
	bad("@theme a b\nx\n", "1: expected '@theme ID'", "extra field");
	bad("@theme a\n@label de Grün\nx\n",
	    "2: unknown label language 'de'", "label language");
	bad("@theme a\n@label en A\n@label en B\nx\n",
	    "3: duplicate '@label en' in theme 'a'", "duplicate label");
	bad("@label en A\n", "1: @label before any @theme",
	    "label before theme");
	bad("@theme a\n@label en\nx\n", "2: expected '@label en|pl TEXT'",
	    "label without text");
	bad("@theme a\nx \xff\n", "2: invalid UTF-8", "invalid UTF-8");
	bad("# nothing\n", " no @theme", "empty codebook");

	cb = codebook_load("/nonexistent/themes", err, sizeof(err));
	CHECK(cb == NULL && strncmp(err, "cannot open '/nonexistent/themes'",
	    33) == 0, "missing file: %s", err);
	unlink(path);
	return check_done();
}
