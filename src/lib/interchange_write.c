/* Bank interchange: writing an imported set as a bank directory (JSON files, then a rename
 * into place). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "certsim/fsutil.h"
#include "certsim/interchange.h"

static cJSON *
choice_list(char *const *texts, int n, char first)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; a != NULL && i < n; i++) {
		char id[2] = { (char)(first + i), '\0' };
		cJSON *o = cJSON_CreateObject();
		if (o == NULL || !cJSON_AddItemToArray(a, o) ||
		    cJSON_AddStringToObject(o, "id", id) == NULL ||
		    cJSON_AddStringToObject(o, "text", texts[i]) == NULL) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

static cJSON *
question_json(const struct ix_question *q)
{
	cJSON *o = cJSON_CreateObject(), *ans;
	if (o == NULL)
		return NULL;
	cJSON_AddStringToObject(o, "id", q->id);
	cJSON_AddNumberToObject(o, "domain", q->domain);
	cJSON_AddStringToObject(o, "task", q->task);
	cJSON_AddStringToObject(o, "type", bank_type_name(q->type));
	cJSON_AddStringToObject(o, "stem", q->stem);
	if (q->type == Q_ORDERING) {
		cJSON_AddItemToObject(o, "items", choice_list(q->choices, q->n_choices, 'A'));
	} else {
		if (q->type == Q_MATCHING)
			cJSON_AddItemToObject(o, "prompts",
			                      choice_list(q->prompts, q->n_prompts, '1'));
		cJSON_AddItemToObject(o, "options", choice_list(q->choices, q->n_choices, 'A'));
	}
	if (q->type == Q_MATCHING) {
		ans = cJSON_AddObjectToObject(o, "answer");
		for (int i = 0; ans != NULL && i < q->n_prompts; i++) {
			char p[2] = { (char)('1' + i), '\0' },
			     c[2] = { (char)('A' + q->key[i]), '\0' };
			cJSON_AddStringToObject(ans, p, c);
		}
	} else {
		ans = cJSON_AddArrayToObject(o, "answer");
		for (int i = 0; ans != NULL && i < q->n_key; i++) {
			char c[2] = { (char)('A' + q->key[i]), '\0' };
			cJSON_AddItemToArray(ans, cJSON_CreateString(c));
		}
	}
	if (q->explanation != NULL)
		cJSON_AddStringToObject(o, "explanation", q->explanation);
	if (q->n_tags > 0)
		cJSON_AddItemToObject(o, "tags",
		                      cJSON_CreateStringArray((const char *const *)q->tags,
		                                              q->n_tags));
	return o;
}

/* The JSON text of the question file; NULL on out of memory. Caller frees. */
static char *
bank_json(const struct ix_set *set)
{
	cJSON *root = cJSON_CreateObject(), *qs;
	if (root == NULL)
		return NULL;
	cJSON_AddStringToObject(root, "format", "certsim-bank/1");
	qs = cJSON_AddArrayToObject(root, "questions");
	for (size_t i = 0; qs != NULL && i < set->n; i++) {
		cJSON *o = question_json(&set->v[i]);
		if (o == NULL) {
			cJSON_Delete(root);
			return NULL;
		}
		cJSON_AddItemToArray(qs, o);
	}
	char *s = cJSON_Print(root);
	cJSON_Delete(root);
	return s;
}

void
interchange_remove_dir(const char *tmpdir)
{
	DIR *dp = opendir(tmpdir);
	if (dp != NULL) {
		struct dirent *e;
		while ((e = readdir(dp)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *p = fsutil_asprintf("%s/%s", tmpdir, e->d_name);
			if (p != NULL)
				unlink(p);
			free(p);
		}
		closedir(dp);
	}
	rmdir(tmpdir);
}

int
interchange_write_bank(const struct ix_set *set, const char *exam_path, const char *out,
                       char **tmpdir, char **err)
{
	char *exam = NULL, *json = NULL, *path = NULL;
	size_t len;
	*tmpdir = NULL;
	size_t n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		n--;
	char *dir = fsutil_asprintf("%.*s.tmp.XXXXXX", (int)n, out);
	if (dir == NULL)
		goto oom;
	if (mkdtemp(dir) == NULL) {
		*err = fsutil_asprintf("cannot create %s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	chmod(dir, 0755);
	if (fsutil_read_file(exam_path, BANK_FILE_LIMIT, &exam, &len, err) < 0)
		goto fail;
	path = fsutil_asprintf("%s/exam.json", dir);
	if (path == NULL)
		goto oom;
	if (fsutil_write_atomic(path, exam, len, 0644, err) < 0)
		goto fail;
	free(path);
	json = bank_json(set);
	path = fsutil_asprintf("%s/questions.json", dir);
	if (json == NULL || path == NULL)
		goto oom;
	size_t jl = strlen(json);
	char *nl = fsutil_asprintf("%s\n", json);
	if (nl == NULL)
		goto oom;
	int rc = fsutil_write_atomic(path, nl, jl + 1, 0644, err);
	free(nl);
	if (rc < 0)
		goto fail;
	free(exam);
	free(json);
	free(path);
	*tmpdir = dir;
	return 0;
oom:
	*err = strdup("out of memory");
fail:
	if (dir != NULL)
		interchange_remove_dir(dir);
	free(dir);
	free(exam);
	free(json);
	free(path);
	return -1;
}

int
interchange_commit_dir(const char *tmpdir, const char *out, char **err)
{
	struct stat st;
	if (lstat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
		*err = fsutil_asprintf("%s exists and is not a directory", out);
		return -1;
	}
	if (rename(tmpdir, out) < 0) {
		if (errno == ENOTEMPTY || errno == EEXIST)
			*err = fsutil_asprintf("%s exists and is not empty; choose a new directory",
			                       out);
		else
			*err = fsutil_asprintf("cannot rename %s to %s: %s", tmpdir, out,
			                       strerror(errno));
		return -1;
	}
	char *parent = strdup(out), *slash;
	if (parent == NULL)
		return 0;
	size_t n = strlen(parent);
	while (n > 1 && parent[n - 1] == '/')
		parent[--n] = '\0';
	slash = strrchr(parent, '/');
	if (slash == NULL)
		strcpy(parent, ".");
	else if (slash == parent)
		slash[1] = '\0';
	else
		*slash = '\0';
	int fd = open(parent, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(parent);
	return 0;
}
