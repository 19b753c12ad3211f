/* The user's data directory and every path inside it: results, keys, the attempt in progress. */
#include <stdlib.h>
#include <sys/stat.h>

#include "certsim/fsutil.h"
#include "certsim/home.h"

char *
home_path(const char *home, enum home_entry e)
{
	static const char *const names[] = {
		[HOME_RESULTS] = "results",         [HOME_KEYS] = "keys",
		[HOME_PUBKEY] = "keys/certsim.pub", [HOME_ATTEMPT] = "attempt.json",
		[HOME_LOCK] = "attempt.lock",       [HOME_REPORT] = "report.html",
		[HOME_CACHE] = "cache/results.idx",
	};
	return fsutil_asprintf("%s/%s", home ? home : ".", names[e]);
}

char *
home_result_path(const char *home, const char *stamp, const char *mode, int k)
{
	if (k <= 1)
		return fsutil_asprintf("%s/results/%s-%s.json", home, stamp, mode);
	return fsutil_asprintf("%s/results/%s-%s-%d.json", home, stamp, mode, k);
}

char *
home_dir(char **err)
{
	const char *env = getenv("CERTSIM_HOME"), *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *dir;
	*err = NULL;
	if (env != NULL && *env)
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
		int rc = p ? fsutil_mkdirs(p, 0700, err) : -1;
		free(p);
		if (rc < 0) {
			if (*err == NULL)
				*err = fsutil_asprintf("out of memory");
			free(dir);
			return NULL;
		}
	}
	/* An existing directory made by hand may be too open: tighten it. */
	chmod(dir, 0700);
	return dir;
}
