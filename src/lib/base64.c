/* Base64 (the original alphabet, padded) of key and signature lines, strict on decoding. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base64.h"

char *
base64_encode(const unsigned char *bin, size_t len)
{
	size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *s;

	if ((s = malloc(n)) == NULL)
		return NULL;
	return sodium_bin2base64(s, n, bin, len, sodium_base64_VARIANT_ORIGINAL);
}

int
base64_decode(const char *b64, size_t b64_len, unsigned char *out, size_t want, size_t *got)
{
	size_t cap = b64_len / 4 * 3 + 3, n = 0;
	unsigned char *tmp;
	int rc = 0;

	*got = 0;
	/* libsodium 1.0.18 decodes every byte from 0x80 up as '/': a changed
	 * byte must not decode to the same key or signature. */
	for (size_t i = 0; i < b64_len; i++) {
		char c = b64[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '+' || c == '/' || c == '='))
			return -1;
	}
	if ((tmp = malloc(cap)) == NULL)
		return -1;
	if (sodium_base642bin(tmp, cap, b64, b64_len, NULL, &n, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0)
		rc = -1;
	else if (n != want)
		rc = -2;
	else
		memcpy(out, tmp, want);
	*got = n;
	sodium_memzero(tmp, cap);
	free(tmp);
	return rc;
}
