/* A bank's tag vocabulary (tags.txt): unknown tags are warnings of bank lint. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certsim/bank_tags.h"
#include "certsim/fsutil.h"

#define TAGS_LIMIT (1024u * 1024u)

/* Whether tag is one of the vocabulary's lines (text, NUL-separated lines in place). */
static int
known(const char *tag, char **words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(words[i], tag) == 0)
			return 1;
	return 0;
}

int
bank_tags_check(const struct bank *b, struct diag *d, char **err)
{
	char *path = fsutil_asprintf("%s/%s", b->path, BANK_TAGS_FILE), *text = NULL;
	char **words = NULL;
	size_t len = 0, n = 0;
	int unknown = 0;
	*err = NULL;
	if (path == NULL) {
		*err = fsutil_asprintf("out of memory");
		return -1;
	}
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		free(path);
		return 0;
	}
	if (fsutil_read_file(path, TAGS_LIMIT, &text, &len, err) < 0 ||
	    (words = malloc((len / 2 + 1) * sizeof *words)) == NULL) {
		if (*err == NULL)
			*err = fsutil_asprintf("out of memory");
		free(text);
		free(path);
		return -1;
	}
	for (char *line = text, *next; line != NULL && *line; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		char *bar = strchr(line, '|');
		if (bar != NULL)
			*bar = '\0';
		size_t k = strlen(line);
		while (k > 0 && (line[k - 1] == ' ' || line[k - 1] == '\r' || line[k - 1] == '\t'))
			line[--k] = '\0';
		if (k > 0 && line[0] != '#')
			words[n++] = line;
	}
	/* A tag is reported once, at its first question. */
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct question *q = &b->questions[i];
		for (int t = 0; t < q->n_tags; t++) {
			if (known(q->tags[t], words, n))
				continue;
			int earlier = 0;
			for (size_t j = 0; j <= i && !earlier; j++)
				for (int u = 0; u < b->questions[j].n_tags && !earlier; u++)
					earlier = (j < i || u < t) &&
					          strcmp(b->questions[j].tags[u], q->tags[t]) == 0;
			if (earlier)
				continue;
			char *where = fsutil_asprintf("%s/%s: question \"%s\"", b->path,
			                              b->files[q->file], q->id);
			diag_add(d, DIAG_WARNING, where ? where : b->path,
			         "tag \"%s\" is not in the vocabulary %s", q->tags[t], path);
			free(where);
			unknown++;
		}
	}
	free(words);
	free(text);
	free(path);
	return unknown;
}
