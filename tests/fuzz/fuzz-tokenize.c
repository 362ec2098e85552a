/*
 * fuzz-tokenize.c - fuzzes text_tokenize(), the tokenizer of
 * glosy-tokenize, on normalized text.  It checks the output contract:
 * valid UTF-8, tokens separated by single blanks with none empty, no
 * token longer than TEXT_MAXTOKEN bytes, and the same tokens when the
 * output is tokenized again, unless a token was cut or the text holds a
 * script that ICU segments with a dictionary (Thai, CJK...), where a word
 * alone may split differently than in context.  The fast path of the
 * tokenizer must give what ICU alone gives.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"

static struct text_tokenizer *tk[4];

/* Whether s holds a character of the dictionary-segmented scripts:
 * South-East Asian (U+0E00-U+1CFF, roughly) or CJK (U+2E80-U+D7FF,
 * U+F900-U+FAFF, U+20000 on). */
static int
dictionary_script(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;
	unsigned c;

	for (i = 0; i < len; i++) {
		if (p[i] < 0xE0)
			continue;
		if (p[i] >= 0xF0) {
			if (i + 1 < len && (p[i] > 0xF0 || p[i + 1] >= 0xA0))
				return 1;	/* U+20000 and above */
			continue;
		}
		if (i + 2 >= len)
			break;
		c = ((p[i] & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) |
		    (p[i + 2] & 0x3Fu);
		if ((c >= 0x0E00 && c <= 0x1CFF) || (c >= 0x2E80 &&
		    c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFAFF))
			return 1;
	}
	return 0;
}
static struct text_norm *tn;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf in = BUF_INIT, norm = BUF_INIT, out = BUF_INIT,
	    again = BUF_INIT;
	char err[256];
	const char *p, *sp, *end;
	long ncut;
	int i;

	if (tn == NULL) {
		tn = text_norm_new(0);
		tk[0] = text_tokenizer_new(0, err, sizeof(err));
		tk[1] = text_tokenizer_new(TEXT_NO_NUMBERS | TEXT_NO_EMOJI,
		    err, sizeof(err));
		tk[2] = text_tokenizer_new(TEXT_ICU_ONLY, err, sizeof(err));
		tk[3] = text_tokenizer_new(TEXT_NO_NUMBERS | TEXT_NO_EMOJI |
		    TEXT_ICU_ONLY, err, sizeof(err));
		if (tk[0] == NULL || tk[1] == NULL || tk[2] == NULL ||
		    tk[3] == NULL)
			abort();
	}
	text_repair(&in, (const char *)data, size, NULL);
	if (text_norm(tn, &norm, in.data, in.len) < 0)
		goto out;
	for (i = 0; i < 2; i++) {
		buf_reset(&out);
		ncut = text_tokenize(tk[i], &out, norm.data, norm.len);
		if (ncut < 0)
			abort();
		if (text_invalid(out.data, out.len) != (size_t)-1)
			abort();
		for (p = out.data, end = out.data + out.len; p < end;
		    p = sp + 1) {
			sp = memchr(p, ' ', (size_t)(end - p));
			if (sp == NULL)
				sp = end;
			if (sp == p || sp - p > TEXT_MAXTOKEN)
				abort();
		}
		buf_reset(&again);
		if (text_tokenize(tk[i + 2], &again, norm.data, norm.len) !=
		    ncut || again.len != out.len || memcmp(again.data,
		    out.data, out.len) != 0)
			abort();
		if (ncut == 0 && !dictionary_script(norm.data, norm.len)) {
			buf_reset(&again);
			text_tokenize(tk[i], &again, out.data, out.len);
			if (again.len != out.len || memcmp(again.data,
			    out.data, out.len) != 0)
				abort();
		}
	}
out:
	buf_release(&in);
	buf_release(&norm);
	buf_release(&out);
	buf_release(&again);
	return 0;
}
