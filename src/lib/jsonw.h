/* Building cJSON trees inside the library: private to src/lib (cJSON is not in the public API). */
#ifndef CERTSIM_JSONW_H
#define CERTSIM_JSONW_H

#include <cjson/cJSON.h>

/* ok &= whether a cJSON call that adds to a tree succeeded (it returns NULL or false). */
#define JSON_OK(x) (ok &= (x) ? 1 : 0)

/*
 * Add item to obj under key (or to the array obj when key is NULL). Returns
 * 1, or 0 when item is NULL or could not be added (it is freed then, so the
 * caller owns nothing either way).
 */
int jsonw_put(cJSON *obj, const char *key, cJSON *item);

#endif
