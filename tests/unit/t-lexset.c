/*
 * t-lexset.c - unit tests of the word lexicon loaders: stopwords,
 * synonyms, lemma overrides and phrases, and their errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "glosy.h"
#include "lexset.h"

static char path[] = "/tmp/t-lexset.XXXXXX";

static struct lexset *
load(const char *text, enum lexset_kind kind, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL || fputs(text, fp) < 0 || fclose(fp) != 0) {
		perror(path);
		exit(2);
	}
	err[0] = '\0';
	return lexset_load(path, kind, err, errlen);
}

/* Is err "PATH:LINE: msg..." with this line and message start? */
static int
errat(const char *err, int line, const char *msg)
{
	char want[512];

	snprintf(want, sizeof(want), "%s:%d: %s", path, line, msg);
	return strncmp(err, want, strlen(want)) == 0;
}

static void
test_words(void)
{
	struct lexset *ls;
	char err[512];

	ls = load("# comment\ni w  na\n\nNie # negation\n", LEXSET_WORDS, err,
	    sizeof(err));
	CHECK(ls != NULL && ls->nentries == 4, "four stopwords: %s", err);
	CHECK(lexset_has(ls, "nie", 3), "entries are case-folded");
	CHECK(lexset_has(ls, "w", 1) && !lexset_has(ls, "x", 1) &&
	    !lexset_has(ls, "#", 1), "membership");
	lexset_free(ls);
	ls = load("a b\nc A\n", LEXSET_WORDS, err, sizeof(err));
	CHECK(ls == NULL && errat(err, 2, "duplicate entry 'a'"),
	    "duplicates are errors: %s", err);
	ls = load("a\n@include x\n", LEXSET_WORDS, err, sizeof(err));
	CHECK(ls == NULL && errat(err, 2, "unknown directive '@include'"),
	    "directives are errors: %s", err);
	lexset_free(NULL);
	CHECK(!lexset_has(NULL, "a", 1), "a missing set is empty");
}

static void
test_maps(void)
{
	struct lexset *ls;
	const char *v;
	char err[512];
	size_t n;

	ls = load("mpk ZTM -> komunikacja\njednoślad -> rower\n",
	    LEXSET_SYNONYMS, err, sizeof(err));
	CHECK(ls != NULL && ls->nentries == 3, "three variants: %s", err);
	v = lexset_get(ls, "ztm", 3, &n);
	CHECK(v != NULL && n == strlen("komunikacja") &&
	    strcmp(v, "komunikacja") == 0, "ztm -> komunikacja");
	CHECK(lexset_get(ls, "komunikacja", 11, &n) == NULL,
	    "canonical forms map to nothing");
	lexset_free(ls);
	ls = load("a b\n", LEXSET_SYNONYMS, err, sizeof(err));
	CHECK(ls == NULL && errat(err, 1, "expected"), "no arrow: %s", err);
	ls = load("a -> b -> c\n", LEXSET_SYNONYMS, err, sizeof(err));
	CHECK(ls == NULL && errat(err, 1, "more than one '->'"),
	    "two arrows: %s", err);
	ls = load("a -> b\nb -> c\n", LEXSET_SYNONYMS, err, sizeof(err));
	CHECK(ls == NULL && errat(err, 1, "'a' maps to 'b'"), "chains: %s",
	    err);
	ls = load("a -> b\na -> b\n", LEXSET_SYNONYMS, err, sizeof(err));
	CHECK(ls == NULL && errat(err, 2, "duplicate entry 'a'"),
	    "duplicate variant: %s", err);
	ls = load("nie -> nie\nUL -> ulica\n", LEXSET_OVERRIDES, err,
	    sizeof(err));
	CHECK(ls != NULL && (v = lexset_get(ls, "ul", 2, NULL)) != NULL &&
	    strcmp(v, "ulica") == 0, "override of a folded form: %s", err);
	lexset_free(ls);
	ls = load("a b -> c\n", LEXSET_OVERRIDES, err, sizeof(err));
	CHECK(ls == NULL && errat(err, 1, "expected 'FORM -> LEMMA'"),
	    "overrides take one form: %s", err);
}

static void
test_phrases(void)
{
	struct field w[4];
	struct lexset *ls;
	const char *t;
	char err[512];
	size_t used = 0, tl = 0;

	ls = load("dom kultura\ndom kultura młodzież -> dk_m\n"
	    "ścieżka rowerowy -> ścieżka_rowerowa\n", LEXSET_PHRASES, err,
	    sizeof(err));
	CHECK(ls != NULL && ls->nentries == 3, "three phrases: %s", err);
	if (ls == NULL)
		return;
	w[0].s = "dom"; w[0].len = 3;
	w[1].s = "kultura"; w[1].len = 7;
	w[2].s = "młodzież"; w[2].len = strlen("młodzież");
	w[3].s = "x"; w[3].len = 1;
	t = lexset_phrase(ls, w, 4, &used, &tl);
	CHECK(t != NULL && used == 3 && strcmp(t, "dk_m") == 0,
	    "the longest phrase wins");
	t = lexset_phrase(ls, w, 2, &used, &tl);
	CHECK(t != NULL && used == 2 && strcmp(t, "dom_kultura") == 0 &&
	    tl == strlen("dom_kultura"), "default term joins lemmas by _");
	t = lexset_phrase(ls, w + 1, 3, &used, &tl);
	CHECK(t == NULL, "no phrase starts with kultura");
	t = lexset_phrase(ls, w, 1, &used, &tl);
	CHECK(t == NULL, "a prefix alone is no phrase");
	CHECK(!lexset_has(ls, "dom", 3), "phrase prefixes are not entries");
	lexset_free(ls);
	ls = load("dom\n", LEXSET_PHRASES, err, sizeof(err));
	CHECK(ls == NULL && errat(err, 1, "a phrase needs two"),
	    "one-word phrase: %s", err);
	ls = load("a b\nA  B -> x\n", LEXSET_PHRASES, err, sizeof(err));
	CHECK(ls == NULL && errat(err, 2, "duplicate entry 'a b'"),
	    "duplicate phrase: %s", err);
	ls = load("a b c d e f g h i\n", LEXSET_PHRASES, err, sizeof(err));
	CHECK(ls == NULL && errat(err, 1, "a phrase has at most"),
	    "too long: %s", err);
	CHECK(lexset_kind_byname("lemma-overrides") == LEXSET_OVERRIDES &&
	    lexset_kind_byname("nocontent") == LEXSET_WORDS &&
	    lexset_kind_byname("verbs") == -1, "kind names");
}

int
main(void)
{
	int fd;

	if ((fd = mkstemp(path)) < 0) {
		perror("mkstemp");
		return 2;
	}
	close(fd);
	test_words();
	test_maps();
	test_phrases();
	unlink(path);
	return check_done();
}
