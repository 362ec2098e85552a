/*
 * replay.c - runs a fuzz target's LLVMFuzzerTestOneInput over every file in
 * the directories or files named on the command line, without libFuzzer, so
 * that make check replays the corpora with an ordinary compiler.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "glosy.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
runfile(const char *path)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		glosy_warn("cannot open '%s':", path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	LLVMFuzzerTestOneInput((const uint8_t *)b.data, b.len);
	buf_release(&b);
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char *argv[])
{
	struct dirent *de;
	struct stat st;
	char **names = NULL;
	size_t n, i;
	int count = 0, a;
	DIR *d;

	glosy_setprogname(argv[0]);
	for (a = 1; a < argc; a++) {
		if (stat(argv[a], &st) < 0)
			glosy_die("cannot stat '%s':", argv[a]);
		if (!S_ISDIR(st.st_mode)) {
			if (runfile(argv[a]) < 0)
				return 1;
			count++;
			continue;
		}
		if ((d = opendir(argv[a])) == NULL)
			glosy_die("cannot open '%s':", argv[a]);
		n = 0;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n] = xmalloc(strlen(argv[a]) +
			    strlen(de->d_name) + 2);
			sprintf(names[n++], "%s/%s", argv[a], de->d_name);
		}
		closedir(d);
		qsort(names, n, sizeof(*names), cmp);
		for (i = 0; i < n; i++) {
			if (runfile(names[i]) < 0)
				return 1;
			count++;
			free(names[i]);
		}
	}
	free(names);
	printf("replayed %d inputs\n", count);
	return 0;
}
