/* Building cJSON trees inside the library: adding an item that may have failed to allocate. */
#include "jsonw.h"

int
jsonw_put(cJSON *obj, const char *key, cJSON *item)
{
	if (item == NULL)
		return 0;
	if (key != NULL ? cJSON_AddItemToObject(obj, key, item) : cJSON_AddItemToArray(obj, item))
		return 1;
	cJSON_Delete(item);
	return 0;
}
