/* Base64 for sign.c: private to src/lib (not a public header). */
#ifndef CERTSIM_BASE64_H
#define CERTSIM_BASE64_H

#include <stddef.h>

/* bin[0..len) as padded base64 in a new string (caller frees); NULL when out of memory. */
char *base64_encode(const unsigned char *bin, size_t len);

/*
 * Decode exactly the b64_len characters at b64 into out (want bytes).
 * Returns 0; -1 if the text is not canonical padded base64 (or out of
 * memory); -2 if it decodes to another length, stored in *got. The scratch
 * copy is wiped, since it may hold a secret key.
 */
int base64_decode(const char *b64, size_t b64_len, unsigned char *out, size_t want, size_t *got);

#endif
