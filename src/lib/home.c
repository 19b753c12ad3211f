/* The user's data directory and every path inside it: results, keys, the attempt in progress. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "certsim/fsutil.h"
#include "certsim/home.h"
#include "certsim/sign.h"

static const char *const names[] = {
	[HOME_RESULTS] = "results",
	[HOME_KEYS] = "keys",
	[HOME_PUBKEY] = "keys/" SIGN_PUBKEY_NAME,
	[HOME_SECKEY] = "keys/" SIGN_SECKEY_NAME,
	[HOME_ATTEMPT] = "attempt.json",
	[HOME_LOCK] = "attempt.lock",
	[HOME_REPORT] = "report.html",
	[HOME_CACHE] = "cache/results.idx",
};

char *
home_path(const char *home, enum home_entry e)
{
	return fsutil_asprintf("%s/%s", home ? home : ".", names[e]);
}

char *
home_result_path(const char *home, const char *stamp, const char *mode, int k)
{
	if (k <= 1)
		return fsutil_asprintf("%s/%s/%s-%s.json", home, names[HOME_RESULTS], stamp, mode);
	return fsutil_asprintf("%s/%s/%s-%s-%d.json", home, names[HOME_RESULTS], stamp, mode, k);
}

/*
 * An existing directory of the data directory must be a directory of this
 * user that nobody else can write (as ssh requires of ~/.ssh): another user
 * could otherwise plant or replace results and keys. certsim never chmods a
 * directory it did not create. Returns 0, 1 when path does not exist, or
 * -1 with *err naming the command that fixes it.
 */
static int
check_dir(const char *path, char **err)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 1; /* mkdir then says what is in the way */
		fsutil_set_err(err, "cannot access the data directory %s: %s", path,
		               strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		fsutil_set_err(err, "the data directory %s is not a directory", path);
		return -1;
	}
	if (st.st_uid != geteuid()) {
		fsutil_set_err(err,
		               "refusing to use the data directory %s: it belongs to user %ld, not "
		               "to you (user %ld); fix it with: chown \"$(id -u)\" '%s' (or set "
		               "CERTSIM_HOME to a directory of yours)",
		               path, (long)st.st_uid, (long)geteuid(), path);
		return -1;
	}
	if ((st.st_mode & 022) != 0) {
		fsutil_set_err(err,
		               "refusing to use the data directory %s: it is writable by %s (mode "
		               "%04o); fix it with: chmod go-w '%s'",
		               path,
		               (st.st_mode & 020) && (st.st_mode & 002) ? "group and others"
		               : (st.st_mode & 020)                     ? "group"
		                                                        : "others",
		               (unsigned)(st.st_mode & 07777), path);
		return -1;
	}
	return 0;
}

char *
home_dir(char **err)
{
	const char *env = getenv("CERTSIM_HOME"), *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *dir;
	*err = NULL;
	if (env != NULL && *env == '\0') {
		*err = fsutil_asprintf("CERTSIM_HOME is set but empty; name a directory, or unset "
		                       "it to use the default");
		return NULL;
	}
	if (env != NULL)
		dir = fsutil_asprintf("%s", env);
	else if (xdg != NULL && *xdg)
		dir = fsutil_asprintf("%s/certsim", xdg);
	else if (home != NULL && *home)
		dir = fsutil_asprintf("%s/.local/share/certsim", home);
	else {
		*err = fsutil_asprintf("no data directory: set CERTSIM_HOME or HOME");
		return NULL;
	}
	if (dir == NULL) {
		*err = fsutil_asprintf("out of memory");
		return NULL;
	}
	for (int i = 0; i < 3; i++) {
		char *p = i == 0   ? fsutil_asprintf("%s", dir)
		          : i == 1 ? home_path(dir, HOME_RESULTS)
		                   : home_path(dir, HOME_KEYS);
		int rc = p ? check_dir(p, err) : -1;
		if (rc == 1)
			rc = fsutil_mkdirs(p, 0700, err);
		free(p);
		if (rc < 0) {
			if (*err == NULL)
				*err = fsutil_asprintf("out of memory");
			free(dir);
			return NULL;
		}
	}
	return dir;
}

/* Remove the temporary files (NAME.tmp.XXXXXX) left in dir; how many went. */
static int
clean_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		const char *t = strstr(e->d_name, ".tmp.");
		if (t == NULL || strlen(t + 5) != 6)
			continue;
		char *p = fsutil_asprintf("%s/%s", dir, e->d_name);
		if (p != NULL && unlink(p) == 0)
			n++;
		free(p);
	}
	closedir(d);
	return n;
}

int
home_clean_temps(const char *home)
{
	char *results = home_path(home, HOME_RESULTS);
	int n = clean_dir(home);
	if (results != NULL)
		n += clean_dir(results);
	free(results);
	return n;
}
