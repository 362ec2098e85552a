/*
 * fuzz-codebook.c - feeds arbitrary bytes to codebook_load() through a
 * temporary file; every input must load or fail with a message, never
 * crash or leak.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glosy.h"
#include "codebook.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct codebook *cb;
	char err[600];
	size_t i, j;
	FILE *fp;
	int fd;

	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/fuzz-codebook.XXXXXX");
		if ((fd = mkstemp(path)) < 0)
			abort();
		close(fd);
	}
	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, fp);
	fclose(fp);
	err[0] = '\0';
	cb = codebook_load(path, err, sizeof(err));
	if (cb == NULL) {
		if (err[0] == '\0')
			abort();
		return 0;
	}
	for (i = 0; i < cb->nthemes; i++) {
		if (cb->themes[i].nseeds == 0 ||
		    codebook_find(cb, cb->themes[i].id) != (long)i)
			abort();
		for (j = 0; j < cb->themes[i].nseeds; j++)
			if (cb->themes[i].seeds[j][0] == '\0')
				abort();
	}
	codebook_free(cb);
	return 0;
}
