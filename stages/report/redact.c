/*
 * redact.c - the last guard before a quote reaches a report: one broad
 * PCRE2 pattern for anything that looks like personal data.  The pattern
 * layer of glosy-normalize replaces such data with placeholders upstream;
 * this check does not replace anything, it only refuses, and it errs on
 * the side of refusing (any run of 9 digits, any '@' before a letter, any
 * postal code).  A refused quote is simply not shown.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>

#include "glosy.h"
#include "report.h"

static const char redact_pattern[] =
	/* e-mail addresses and @handles */
	"@[\\p{L}\\p{N}_]"
	/* URLs and bare domains */
	"|\\b(?:https?|ftp)://|\\bwww\\."
	"|\\b[\\p{L}\\p{N}-]+\\.(?:pl|com|eu|org|net|info|gov|edu|io|biz)\\b"
	/* phone, PESEL, NIP, account and card numbers: 9+ digits, allowing
	 * spaces, dots, dashes, slashes and brackets between them */
	"|(?:\\d[\\s./()-]{0,2}){8}\\d"
	/* Polish postal codes */
	"|\\b\\d{2}-\\d{3}\\b"
	/* a street with a house number */
	"|\\b(?:ul|al|os|pl)\\.\\s*\\p{L}[\\p{L}\\s.-]{0,40}?\\d"
	"|\\b(?:ulic|alej|alei|osiedl)\\p{L}*\\s+\\p{L}[\\p{L}\\s.-]{0,40}?"
	"\\s\\d";

static pcre2_code *redact_re;
static pcre2_match_data *redact_md;

void
redact_init(void)
{
	int err;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];

	redact_re = pcre2_compile((PCRE2_SPTR)redact_pattern,
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS,
	    &err, &off, NULL);
	if (redact_re == NULL) {
		pcre2_get_error_message(err, msg, sizeof(msg));
		glosy_die("personal-data pattern: %s at %zu", (char *)msg,
		    (size_t)off);
	}
	redact_md = pcre2_match_data_create_from_pattern(redact_re, NULL);
	if (redact_md == NULL)
		glosy_die("out of memory");
}

void
redact_free(void)
{
	pcre2_match_data_free(redact_md);
	pcre2_code_free(redact_re);
	redact_md = NULL;
	redact_re = NULL;
}

int
redact_flags(const char *s, size_t len)
{
	int rc;

	rc = pcre2_match(redact_re, (PCRE2_SPTR)s, len, 0, 0, redact_md,
	    NULL);
	/* No match is the only answer that lets a quote through; invalid
	 * UTF-8 or a matching error counts as a match. */
	return rc != PCRE2_ERROR_NOMATCH;
}
