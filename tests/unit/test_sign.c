/* Unit tests for sign: minisign key files, signing, verification, interop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "certsim/fsutil.h"
#include "certsim/sign.h"

#include "testutil.h"

#define MINISIGN "/usr/bin/minisign"

/* Secret key file layout (see sign.c), for building odd keys in tests. */
#define SKF_KDFALG 2
#define SKF_KEYID 54
#define SKF_SK 62
#define SKF_CHK 126
#define SKF_BYTES 158

/* The longest comments minisign can read back (see sign.c). */
#define UNTRUSTED_MAX 1003
#define TRUSTED_MAX 8173

static const char message[] =
    "Question 17: which metric suits an imbalanced binary classifier?\n"
    "Answer: B (area under the precision-recall curve)\n"
    "Score: 612/1000, passed\n";

static int
setup_tmp(void **state)
{
	return tmpdir_setup(state, "certsim-sign");
}

static struct sign_key *
load_key(const char *dir)
{
	struct sign_key *k = NULL;
	char *err = NULL;

	if (sign_key_load_or_create(dir, &k, &err) != 0)
		fail_msg("%s", err);
	assert_non_null(k);
	return k;
}

/* The error of sign_key_load_or_create(dir), which must fail. */
static char *
load_key_error(const char *dir)
{
	struct sign_key *k = NULL;
	char *err = NULL;

	assert_int_equal(sign_key_load_or_create(dir, &k, &err), -1);
	assert_null(k);
	assert_non_null(err);
	return err;
}

static char *
sign_msg(const struct sign_key *k, const void *msg, size_t len,
         const char *trusted)
{
	char *err = NULL, *sig;

	sig = sign_detached(k, msg, len, "signature from certsim", trusted,
	    &err);
	if (sig == NULL)
		fail_msg("%s", err);
	return sig;
}

/* Verify; returns the error (caller frees) or NULL on success. */
static char *
verify(const struct sign_pubkey *pk, const void *msg, size_t len,
       const char *sig, size_t sig_len)
{
	char *err = NULL, *tc = NULL;
	int rc;

	rc = sign_verify(pk, msg, len, sig, sig_len, &tc, &err);
	if (rc == 0) {
		assert_null(err);
		assert_non_null(tc);
		free(tc);
		return NULL;
	}
	assert_int_equal(rc, -1);
	assert_null(tc);
	if (err == NULL)
		fail_msg("verification failed without a message");
	return err;
}

static void
assert_verifies(const struct sign_pubkey *pk, const void *msg, size_t len,
                const char *sig)
{
	char *err = verify(pk, msg, len, sig, strlen(sig));

	if (err != NULL)
		fail_msg("verification failed: %s", err);
}

static void
assert_rejected(const struct sign_pubkey *pk, const void *msg, size_t len,
                const char *sig, size_t sig_len, const char *why)
{
	char *err = verify(pk, msg, len, sig, sig_len);

	if (err == NULL)
		fail_msg("accepted a signature that must fail (%s)", why);
	assert_contains(err, why);
	free(err);
}

/* Line n (1-based) of text, as a new string without the '\n'. */
static char *
line_of(const char *text, int n)
{
	const char *p = text, *nl;
	char *s;

	while (--n > 0) {
		p = strchr(p, '\n');
		assert_non_null(p);
		p++;
	}
	nl = strchr(p, '\n');
	assert_non_null(nl);
	s = malloc((size_t)(nl - p) + 1);
	assert_non_null(s);
	memcpy(s, p, (size_t)(nl - p));
	s[nl - p] = '\0';
	return s;
}

static size_t
b64_decode(const char *b64, unsigned char *out, size_t max)
{
	size_t n = 0;

	if (sodium_base642bin(out, max, b64, strlen(b64), NULL, &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0)
		fail_msg("not base64: %s", b64);
	return n;
}

static char *
b64_encode(const unsigned char *bin, size_t len)
{
	size_t n = sodium_base64_ENCODED_LEN(len,
	    sodium_base64_VARIANT_ORIGINAL);
	char *s = malloc(n);

	assert_non_null(s);
	return sodium_bin2base64(s, n, bin, len,
	    sodium_base64_VARIANT_ORIGINAL);
}

/* Build a four-line signature file from its parts. */
static char *
sig_file(const char *l1, const char *l2, const char *l3, const char *l4)
{
	char *s = fsutil_asprintf("%s\n%s\n%s\n%s\n", l1, l2, l3, l4);

	assert_non_null(s);
	return s;
}

/* The secret key blob stored in dir/certsim.key. */
static void
read_seckey_blob(const char *dir, unsigned char blob[SKF_BYTES])
{
	char *path = join(dir, "certsim.key");
	char *text = get_file(path, 1 << 20, NULL);
	char *b64 = line_of(text, 2);

	assert_int_equal(b64_decode(b64, blob, SKF_BYTES), SKF_BYTES);
	free(b64);
	free(text);
	free(path);
}

static void
write_seckey_blob(const char *dir, const unsigned char blob[SKF_BYTES])
{
	char *path = join(dir, "certsim.key"), *b64 = b64_encode(blob,
	    SKF_BYTES);
	char *text = fsutil_asprintf("untrusted comment: test key\n%s\n", b64);

	put_file(path, text, strlen(text), 0600);
	free(text);
	free(b64);
	free(path);
}

static void
test_roundtrip(void **state)
{
	struct sign_key *k = load_key(*state);
	struct sign_pubkey *pk = sign_key_pubkey(k);
	char *sig, *err = NULL, *tc = NULL, *l, id[17];
	unsigned char blob[80];
	const char *c;
	size_t i;

	sig = sign_detached(k, message, sizeof message - 1, "made by a test",
	    "timestamp:1700000000\tfile:result.json", &err);
	assert_non_null(sig);
	assert_int_equal(sign_verify(pk, message, sizeof message - 1, sig,
	    strlen(sig), &tc, &err), 0);
	assert_null(err);
	assert_string_equal(tc, "timestamp:1700000000\tfile:result.json");
	free(tc);
	assert_int_equal(sign_verify(pk, message, sizeof message - 1, sig,
	    strlen(sig), NULL, &err), 0);

	/* The layout: four lines, "ED" || key id || 64-byte signature. */
	l = line_of(sig, 1);
	assert_string_equal(l, "untrusted comment: made by a test");
	free(l);
	l = line_of(sig, 2);
	assert_int_equal(b64_decode(l, blob, sizeof blob), 74);
	assert_memory_equal(blob, "ED", 2);
	sign_key_id_hex(k, id);
	for (i = 0; i < 8; i++) {
		char two[3];

		snprintf(two, sizeof two, "%02X", blob[2 + 7 - i]);
		assert_memory_equal(id + 2 * i, two, 2);
	}
	free(l);
	l = line_of(sig, 3);
	assert_string_equal(l,
	    "trusted comment: timestamp:1700000000\tfile:result.json");
	free(l);
	l = line_of(sig, 4);
	assert_int_equal(b64_decode(l, blob, sizeof blob), 64);
	free(l);
	for (i = 0, c = sig; (c = strchr(c, '\n')) != NULL; c++)
		i++;
	assert_int_equal(i, 4);
	assert_int_equal(sig[strlen(sig) - 1], '\n');
	free(sig);

	/* An empty message and empty comments work too. */
	sig = sign_detached(k, NULL, 0, "", "", &err);
	assert_non_null(sig);
	assert_verifies(pk, "", 0, sig);
	assert_rejected(pk, "x", 1, sig, strlen(sig), "signature verification "
	    "failed");
	free(sig);

	sign_pubkey_free(pk);
	sign_key_free(k);
}

static void
test_key_files(void **state)
{
	char *keys = join(*state, "deep/keys"), *keypath, *pubpath;
	struct sign_key *k = load_key(keys), *k2;
	struct sign_pubkey *pk = NULL;
	unsigned char blob[SKF_BYTES], pub[42], chk[32];
	char id[17], *pubtext, *want, *l, *err = NULL, *sig;
	crypto_generichash_state hs;
	struct stat st;
	size_t i;

	keypath = join(keys, "certsim.key");
	pubpath = join(keys, "certsim.pub");
	assert_int_equal(stat(keys, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_int_equal(stat(keypath, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(stat(pubpath, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);

	/* The public key file: comment with the id, then "Ed" || id || pk. */
	pubtext = get_file(pubpath, 1 << 20, NULL);
	want = sign_key_public_file(k);
	assert_string_equal(pubtext, want);
	sign_key_id_hex(k, id);
	assert_int_equal(strlen(id), 16);
	assert_int_equal(strspn(id, "0123456789ABCDEF"), 16);
	l = line_of(pubtext, 1);
	free(want);
	want = fsutil_asprintf("untrusted comment: minisign public key %s",
	    id);
	assert_string_equal(l, want);
	free(want);
	free(l);
	l = line_of(pubtext, 2);
	assert_int_equal(b64_decode(l, pub, sizeof pub), 42);
	assert_memory_equal(pub, "Ed", 2);
	assert_int_equal(strlen(pubtext), strlen(id) + 39 + strlen(l) + 2);

	/* The secret key file, as minisign -G -W lays it out. */
	read_seckey_blob(keys, blob);
	assert_memory_equal(blob, "Ed\0\0B2", 6);
	for (i = 6; i < SKF_KEYID; i++)
		assert_int_equal(blob[i], 0);
	assert_memory_equal(blob + SKF_KEYID, pub + 2, 8);
	assert_memory_equal(blob + SKF_SK + 32, pub + 10, 32);
	crypto_generichash_init(&hs, NULL, 0, 32);
	crypto_generichash_update(&hs, blob, 2);
	crypto_generichash_update(&hs, blob + SKF_KEYID, 8);
	crypto_generichash_update(&hs, blob + SKF_SK, 64);
	crypto_generichash_final(&hs, chk, 32);
	assert_memory_equal(blob + SKF_CHK, chk, 32);
	sodium_memzero(blob, sizeof blob);

	/* Both the file and its bare base64 line parse back. */
	assert_int_equal(sign_pubkey_parse(pubtext, &pk, &err), 0);
	sig = sign_msg(k, message, sizeof message - 1, "t");
	assert_verifies(pk, message, sizeof message - 1, sig);
	sign_pubkey_free(pk);
	pk = NULL;
	assert_int_equal(sign_pubkey_parse(l, &pk, &err), 0);
	assert_verifies(pk, message, sizeof message - 1, sig);
	sign_pubkey_free(pk);
	pk = NULL;

	/* Loading again gives the same key and leaves the files alone. */
	k2 = load_key(keys);
	want = sign_key_public_file(k2);
	assert_string_equal(want, pubtext);
	free(want);
	free(sig);
	sig = sign_msg(k2, message, sizeof message - 1, "again");
	assert_int_equal(sign_pubkey_parse(pubtext, &pk, &err), 0);
	assert_verifies(pk, message, sizeof message - 1, sig);
	sign_pubkey_free(pk);
	sign_key_free(k2);

	free(sig);
	free(l);
	free(pubtext);
	free(pubpath);
	free(keypath);
	free(keys);
	sign_key_free(k);
}

static void
test_pubkey_parse_errors(void **state)
{
	struct sign_key *k = load_key(*state);
	struct sign_pubkey *pk = NULL;
	unsigned char pub[42];
	char *pubtext = sign_key_public_file(k), *l = line_of(pubtext, 2);
	char *err = NULL, *bad, *b64;

	assert_int_equal(sign_pubkey_parse("", &pk, &err), -1);
	assert_contains(err, "key line is missing");
	free(err);
	assert_int_equal(sign_pubkey_parse("untrusted comment: x", &pk, &err),
	    -1);
	assert_contains(err, "missing");
	free(err);
	bad = fsutil_asprintf("%s\nextra\n", pubtext);
	assert_int_equal(sign_pubkey_parse(bad, &pk, &err), -1);
	assert_contains(err, "unexpected text after the key line");
	free(err);
	free(bad);
	bad = fsutil_asprintf("%s!", l);
	assert_int_equal(sign_pubkey_parse(bad, &pk, &err), -1);
	assert_contains(err, "not valid base64");
	free(err);
	free(bad);

	assert_int_equal(b64_decode(l, pub, sizeof pub), 42);
	b64 = b64_encode(pub, 41);
	assert_int_equal(sign_pubkey_parse(b64, &pk, &err), -1);
	assert_contains(err, "wrong length (41 bytes");
	free(err);
	free(b64);
	pub[1] = 'D';
	b64 = b64_encode(pub, 42);
	assert_int_equal(sign_pubkey_parse(b64, &pk, &err), -1);
	assert_contains(err, "unsupported signature algorithm");
	free(err);
	free(b64);
	assert_null(pk);

	free(l);
	free(pubtext);
	sign_key_free(k);
}

/*
 * Flip every byte of a signature file. Every flip must be rejected, except
 * inside the untrusted comment's text, which minisign does not sign: there
 * the signature must still verify.
 */
static void
test_signature_byte_flips(void **state)
{
	struct sign_key *k = load_key(*state);
	struct sign_pubkey *pk = sign_key_pubkey(k);
	char *sig = sign_msg(k, message, sizeof message - 1,
	    "timestamp:1700000000\tfile:answers.json");
	size_t len = strlen(sig), i, comment_start, comment_end;
	size_t rejected = 0;
	char *copy = malloc(len), *err;

	assert_non_null(copy);
	comment_start = strlen("untrusted comment: ");
	comment_end = (size_t)(strchr(sig, '\n') - sig);
	for (i = 0; i < len; i++) {
		memcpy(copy, sig, len);
		copy[i] ^= 0x01;
		err = verify(pk, message, sizeof message - 1, copy, len);
		if (i >= comment_start && i < comment_end) {
			if (err != NULL)
				fail_msg("flip at %zu (untrusted comment) "
				    "rejected: %s", i, err);
			continue;
		}
		if (err == NULL)
			fail_msg("flip of byte %zu (0x%02x) was accepted", i,
			    (unsigned char)sig[i]);
		free(err);
		rejected++;
	}
	assert_int_equal(rejected, len - (comment_end - comment_start));
	free(copy);
	free(sig);
	sign_pubkey_free(pk);
	sign_key_free(k);
}

static void
test_message_byte_flips(void **state)
{
	struct sign_key *k = load_key(*state);
	struct sign_pubkey *pk = sign_key_pubkey(k);
	size_t len = sizeof message - 1, i;
	char *sig = sign_msg(k, message, len, "t"), copy[sizeof message];

	for (i = 0; i < len; i++) {
		memcpy(copy, message, len);
		copy[i] ^= 0x01;
		assert_rejected(pk, copy, len, sig, strlen(sig),
		    "signature verification failed");
	}
	assert_rejected(pk, message, len - 1, sig, strlen(sig),
	    "signature verification failed");
	memcpy(copy, message, len);
	copy[len] = '\n';
	assert_rejected(pk, copy, len + 1, sig, strlen(sig),
	    "signature verification failed");
	assert_verifies(pk, message, len, sig);
	free(sig);
	sign_pubkey_free(pk);
	sign_key_free(k);
}

static void
test_trusted_comment_tampering(void **state)
{
	struct sign_key *k = load_key(*state);
	struct sign_pubkey *pk = sign_key_pubkey(k);
	size_t len = sizeof message - 1;
	char *sig = sign_msg(k, message, len, "score:612");
	char *other = sign_msg(k, "another file", 12, "score:612");
	char *l1 = line_of(sig, 1), *l2 = line_of(sig, 2);
	char *l4 = line_of(sig, 4), *o4 = line_of(other, 4), *t;

	t = sig_file(l1, l2, "trusted comment: score:998", l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "trusted comment verification failed");
	free(t);
	t = sig_file(l1, l2, "trusted comment: score:612 ", l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "trusted comment verification failed");
	free(t);
	t = sig_file(l1, l2, "trusted comment: ", l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "trusted comment verification failed");
	free(t);
	/* The global signature of another file's signature, same comment. */
	t = sig_file(l1, l2, "trusted comment: score:612", o4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "trusted comment verification failed");
	free(t);
	t = sig_file(l1, l2, "trusted comment: score:612", l4);
	assert_verifies(pk, message, len, t);
	free(t);

	free(o4);
	free(l4);
	free(l2);
	free(l1);
	free(other);
	free(sig);
	sign_pubkey_free(pk);
	sign_key_free(k);
}

static void
test_wrong_key(void **state)
{
	char *da = join(*state, "a"), *db = join(*state, "b");
	struct sign_key *a = load_key(da), *b = load_key(db);
	struct sign_pubkey *pa = sign_key_pubkey(a), *pb = sign_key_pubkey(b);
	struct sign_pubkey *mixed = NULL;
	size_t len = sizeof message - 1;
	char *sig = sign_msg(a, message, len, "t"), *err, ida[17], idb[17];
	char *ta = sign_key_public_file(a), *tb = sign_key_public_file(b);
	char *la = line_of(ta, 2), *lb = line_of(tb, 2), *b64;
	unsigned char pub_a[42], pub_b[42];

	sign_key_id_hex(a, ida);
	sign_key_id_hex(b, idb);
	assert_string_not_equal(ida, idb);
	err = verify(pb, message, len, sig, strlen(sig));
	assert_non_null(err);
	assert_contains(err, "key ids differ");
	assert_contains(err, ida);
	assert_contains(err, idb);
	free(err);
	assert_verifies(pa, message, len, sig);

	/* Key a's id with key b's public key: the signature itself fails. */
	assert_int_equal(b64_decode(la, pub_a, sizeof pub_a), 42);
	assert_int_equal(b64_decode(lb, pub_b, sizeof pub_b), 42);
	memcpy(pub_a + 10, pub_b + 10, 32);
	b64 = b64_encode(pub_a, sizeof pub_a);
	assert_int_equal(sign_pubkey_parse(b64, &mixed, &err), 0);
	assert_rejected(mixed, message, len, sig, strlen(sig),
	    "signature verification failed");

	free(b64);
	sign_pubkey_free(mixed);
	free(lb);
	free(la);
	free(tb);
	free(ta);
	free(sig);
	sign_pubkey_free(pb);
	sign_pubkey_free(pa);
	sign_key_free(b);
	sign_key_free(a);
	free(db);
	free(da);
}

static void
test_malformed_signatures(void **state)
{
	struct sign_key *k = load_key(*state);
	struct sign_pubkey *pk = sign_key_pubkey(k);
	size_t len = sizeof message - 1, n;
	char *sig = sign_msg(k, message, len, "t");
	char *l1 = line_of(sig, 1), *l2 = line_of(sig, 2);
	char *l3 = line_of(sig, 3), *l4 = line_of(sig, 4), *t, *b64;
	unsigned char blob[80];
	const char *p;
	int i;

	/* Cut after each line: each missing line is named. */
	assert_rejected(pk, message, len, sig, 0,
	    "line 1 (the untrusted comment) is missing");
	for (i = 1, p = sig; i <= 3; i++) {
		char want[64];
		static const char *names[] = { "", "", "the signature",
		    "the trusted comment", "the global signature" };

		p = strchr(p, '\n') + 1;
		snprintf(want, sizeof want, "line %d (%s) is missing", i + 1,
		    names[i + 1]);
		assert_rejected(pk, message, len, sig, (size_t)(p - sig), want);
	}
	assert_rejected(pk, message, len, sig, strlen(sig) - 1,
	    "line 4 (the global signature) does not end with a newline");
	assert_rejected(pk, message, len, sig, strlen(l1),
	    "line 1 (the untrusted comment) does not end with a newline");

	/* Trailing data of any kind. */
	t = fsutil_asprintf("%s\n", sig);
	assert_rejected(pk, message, len, t, strlen(t),
	    "unexpected data after line 4");
	free(t);
	t = fsutil_asprintf("%sjunk", sig);
	assert_rejected(pk, message, len, t, strlen(t),
	    "unexpected data after line 4");
	free(t);
	assert_rejected(pk, message, len, sig, strlen(sig) + 1,
	    "NUL byte");

	/* Prefixes. */
	t = sig_file("untrusted comment:x", l2, l3, l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "line 1 does not start with \"untrusted comment: \"");
	free(t);
	t = sig_file(l1, l2, "Trusted comment: t", l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "line 3 does not start with \"trusted comment: \"");
	free(t);

	/* Base64 and lengths. */
	t = fsutil_asprintf("%s\n%s=\n%s\n%s\n", l1, l2, l3, l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "line 2 (the signature) is not valid base64");
	free(t);
	t = fsutil_asprintf("%s\n%s\r\n%s\n%s\n", l1, l2, l3, l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "line 2 (the signature) is not valid base64");
	free(t);
	t = fsutil_asprintf("%s\n%s\n%s\n%s\r\n", l1, l2, l3, l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "line 4 (the global signature) is not valid base64");
	free(t);
	n = b64_decode(l2, blob, sizeof blob);
	assert_int_equal(n, 74);
	b64 = b64_encode(blob, 73);
	t = sig_file(l1, b64, l3, l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "line 2 (the signature) has the wrong length (73 bytes; "
	    "expected 74)");
	free(t);
	free(b64);
	blob[74] = 0;
	b64 = b64_encode(blob, 75);
	t = sig_file(l1, b64, l3, l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "has the wrong length (75 bytes");
	free(t);
	free(b64);
	t = sig_file(l1, l2, l3, l2);
	assert_rejected(pk, message, len, t, strlen(t),
	    "line 4 (the global signature) has the wrong length (74 bytes; "
	    "expected 64)");
	free(t);

	/* Algorithm. */
	memcpy(blob, "XX", 2);
	b64 = b64_encode(blob, 74);
	t = sig_file(l1, b64, l3, l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "unsupported signature algorithm");
	free(t);
	free(b64);
	/* "Ed" is the legacy scheme over the raw data: this one is not. */
	memcpy(blob, "Ed", 2);
	b64 = b64_encode(blob, 74);
	t = sig_file(l1, b64, l3, l4);
	assert_rejected(pk, message, len, t, strlen(t),
	    "signature verification failed");
	free(t);
	free(b64);

	free(l4);
	free(l3);
	free(l2);
	free(l1);
	free(sig);
	sign_pubkey_free(pk);
	sign_key_free(k);
}

/* A legacy "Ed" signature (over the raw data) made from the key file. */
static char *
legacy_sig(const char *dir, const void *msg, size_t len, const char *tc)
{
	unsigned char blob[SKF_BYTES], sig[74], global[64], *buf;
	char *b64, *g64, *text;
	size_t tlen = strlen(tc);

	read_seckey_blob(dir, blob);
	memcpy(sig, "Ed", 2);
	memcpy(sig + 2, blob + SKF_KEYID, 8);
	crypto_sign_detached(sig + 10, NULL, msg, len, blob + SKF_SK);
	buf = malloc(64 + tlen);
	assert_non_null(buf);
	memcpy(buf, sig + 10, 64);
	memcpy(buf + 64, tc, tlen);
	crypto_sign_detached(global, NULL, buf, 64 + tlen, blob + SKF_SK);
	sodium_memzero(blob, sizeof blob);
	b64 = b64_encode(sig, sizeof sig);
	g64 = b64_encode(global, sizeof global);
	text = fsutil_asprintf("untrusted comment: legacy\n%s\n"
	    "trusted comment: %s\n%s\n", b64, tc, g64);
	free(g64);
	free(b64);
	free(buf);
	return text;
}

static void
test_legacy_signature(void **state)
{
	struct sign_key *k = load_key(*state);
	struct sign_pubkey *pk = sign_key_pubkey(k);
	size_t len = sizeof message - 1;
	char *sig = legacy_sig(*state, message, len, "legacy tc");
	char *err = NULL, *tc = NULL, copy[sizeof message];

	assert_int_equal(sign_verify(pk, message, len, sig, strlen(sig), &tc,
	    &err), 0);
	assert_string_equal(tc, "legacy tc");
	free(tc);
	memcpy(copy, message, len);
	copy[3] ^= 0x01;
	assert_rejected(pk, copy, len, sig, strlen(sig),
	    "signature verification failed");
	free(sig);
	sign_pubkey_free(pk);
	sign_key_free(k);
}

static void
test_comment_checks(void **state)
{
	struct sign_key *k = load_key(*state);
	struct sign_pubkey *pk = sign_key_pubkey(k);
	char *err = NULL, *sig, *big = malloc(TRUSTED_MAX + 2);

	assert_non_null(big);
	assert_null(sign_detached(k, "m", 1, "two\nlines", "t", &err));
	assert_contains(err, "untrusted comment must be a single line");
	free(err);
	assert_null(sign_detached(k, "m", 1, "u", "two\nlines", &err));
	assert_contains(err, "trusted comment must be a single line");
	free(err);
	assert_null(sign_detached(k, "m", 1, "u", "cr\r", &err));
	assert_contains(err, "trusted comment must be a single line");
	free(err);

	memset(big, 'c', TRUSTED_MAX + 1);
	big[TRUSTED_MAX + 1] = '\0';
	assert_null(sign_detached(k, "m", 1, "u", big, &err));
	assert_contains(err, "trusted comment is too long (8174 bytes; the "
	    "limit is 8173 bytes)");
	free(err);
	big[TRUSTED_MAX] = '\0';
	sig = sign_detached(k, "m", 1, "u", big, &err);
	assert_non_null(sig);
	assert_verifies(pk, "m", 1, sig);
	free(sig);

	big[UNTRUSTED_MAX + 1] = '\0';
	assert_null(sign_detached(k, "m", 1, big, "t", &err));
	assert_contains(err, "untrusted comment is too long (1004 bytes; the "
	    "limit is 1003 bytes)");
	free(err);
	big[UNTRUSTED_MAX] = '\0';
	sig = sign_detached(k, "m", 1, big, "t", &err);
	assert_non_null(sig);
	assert_verifies(pk, "m", 1, sig);
	free(sig);

	free(big);
	sign_pubkey_free(pk);
	sign_key_free(k);
}

static void
test_secret_key_mode_refused(void **state)
{
	char *keypath = join(*state, "certsim.key"), *err, *text;
	struct sign_key *k = load_key(*state);
	size_t len;

	sign_key_free(k);
	text = get_file(keypath, 1 << 20, &len);
	text[len - 1] = '\0';

	assert_int_equal(chmod(keypath, 0644), 0);
	err = load_key_error(*state);
	assert_contains(err, "refusing to use secret key ");
	assert_contains(err, keypath);
	assert_contains(err, "readable by group or others (mode 0644)");
	assert_contains(err, "chmod 600 ");
	assert_null(strstr(err, strchr(text, '\n') + 1));
	free(err);

	assert_int_equal(chmod(keypath, 0620), 0);
	err = load_key_error(*state);
	assert_contains(err, "(mode 0620)");
	free(err);

	assert_int_equal(chmod(keypath, 0600), 0);
	k = load_key(*state);
	sign_key_free(k);
	free(text);
	free(keypath);
}

static void
test_public_key_without_secret(void **state)
{
	char *keypath = join(*state, "certsim.key");
	char *pubpath = join(*state, "certsim.pub"), *before, *after, *err;
	struct sign_key *k = load_key(*state);
	struct stat st;

	sign_key_free(k);
	before = get_file(pubpath, 1 << 20, NULL);
	assert_int_equal(unlink(keypath), 0);
	err = load_key_error(*state);
	assert_contains(err, "no secret key ");
	assert_contains(err, keypath);
	assert_contains(err, pubpath);
	free(err);
	assert_int_equal(stat(keypath, &st), -1);
	after = get_file(pubpath, 1 << 20, NULL);
	assert_string_equal(before, after);
	free(after);
	free(before);
	free(pubpath);
	free(keypath);
}

static void
test_public_key_recreated(void **state)
{
	char *pubpath = join(*state, "certsim.pub"), *before, *after;
	struct sign_key *k = load_key(*state);
	struct stat st;

	sign_key_free(k);
	before = get_file(pubpath, 1 << 20, NULL);
	assert_int_equal(unlink(pubpath), 0);
	k = load_key(*state);
	after = get_file(pubpath, 1 << 20, NULL);
	assert_string_equal(before, after);
	assert_int_equal(stat(pubpath, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	sign_key_free(k);
	free(after);
	free(before);
	free(pubpath);
}

static void
test_public_key_mismatch(void **state)
{
	char *other = join(*state, "other");
	char *pubpath = join(*state, "certsim.pub"), *text, *err;
	struct sign_key *k = load_key(*state), *o = load_key(other);

	text = sign_key_public_file(o);
	put_file(pubpath, text, strlen(text), 0644);
	free(text);
	err = load_key_error(*state);
	assert_contains(err, "does not belong to secret key");
	assert_contains(err, pubpath);
	free(err);

	put_file(pubpath, "garbage\n", 8, 0644);
	err = load_key_error(*state);
	assert_contains(err, pubpath);
	assert_contains(err, "public key:");
	free(err);

	sign_key_free(o);
	sign_key_free(k);
	free(pubpath);
	free(other);
}

static void
test_corrupt_secret_key(void **state)
{
	char *keypath = join(*state, "certsim.key"), *err, *b64, *text;
	struct sign_key *k = load_key(*state), *k2;
	struct sign_pubkey *pk = sign_key_pubkey(k);
	unsigned char blob[SKF_BYTES], good[SKF_BYTES];
	char *sig;

	read_seckey_blob(*state, good);

	memcpy(blob, good, sizeof blob);
	blob[SKF_SK + 5] ^= 0x01;
	write_seckey_blob(*state, blob);
	err = load_key_error(*state);
	assert_contains(err, keypath);
	assert_contains(err, "corrupt (checksum mismatch)");
	b64 = b64_encode(blob, sizeof blob);
	assert_null(strstr(err, b64));
	free(b64);
	free(err);

	/* A zero checksum, as minisign -G -W writes: the key still loads. */
	memcpy(blob, good, sizeof blob);
	memset(blob + SKF_CHK, 0, 32);
	write_seckey_blob(*state, blob);
	k2 = load_key(*state);
	sig = sign_msg(k2, message, sizeof message - 1, "t");
	assert_verifies(pk, message, sizeof message - 1, sig);
	free(sig);
	sign_key_free(k2);

	/* ...but a damaged key with a zero checksum is still caught. */
	blob[SKF_SK + 40] ^= 0x80;
	write_seckey_blob(*state, blob);
	err = load_key_error(*state);
	assert_contains(err, "corrupt (its public half does not match");
	free(err);

	memcpy(blob, good, sizeof blob);
	memcpy(blob + SKF_KDFALG, "Sc", 2);
	write_seckey_blob(*state, blob);
	err = load_key_error(*state);
	assert_contains(err, "encrypted with a password");
	free(err);

	memcpy(blob, good, sizeof blob);
	b64 = b64_encode(blob, sizeof blob - 1);
	text = fsutil_asprintf("untrusted comment: x\n%s\n", b64);
	put_file(keypath, text, strlen(text), 0600);
	err = load_key_error(*state);
	assert_contains(err, "wrong length (157 bytes; expected 158)");
	free(err);
	free(text);
	free(b64);

	put_file(keypath, "untrusted comment: x\n@@@@\n", 26, 0600);
	err = load_key_error(*state);
	assert_contains(err, "not valid base64");
	free(err);

	put_file(keypath, "hello\n", 6, 0600);
	err = load_key_error(*state);
	assert_contains(err, "not a minisign secret key");
	free(err);

	write_seckey_blob(*state, good);
	k2 = load_key(*state);
	sign_key_free(k2);
	sodium_memzero(good, sizeof good);
	sodium_memzero(blob, sizeof blob);
	sign_pubkey_free(pk);
	sign_key_free(k);
	free(keypath);
}

static int
run(const char *cmd)
{
	int st = system(cmd);

	if (st == -1 || !WIFEXITED(st))
		fail_msg("cannot run: %s", cmd);
	return WEXITSTATUS(st);
}

static int
run_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
run_fmt(const char *fmt, ...)
{
	va_list ap;
	char cmd[4096];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof cmd);
	return run(cmd);
}

/* The real minisign verifies our signatures, and we verify its own. */
static void
test_minisign_interop(void **state)
{
	const char *dir = *state;
	char *keys, *msg, *msgsig, *bad, *badsig, *pubpath, *keypath, *mine;
	char *wdir, *wkey, *wpub;
	struct sign_key *k, *wk;
	struct sign_pubkey *pk;
	size_t len = sizeof message - 1, n;
	char *sig, *text, *tc = NULL, *err = NULL, *big, id[17], *want;
	char copy[sizeof message];

	if (access(MINISIGN, X_OK) != 0)
		skip();
	keys = join(dir, "keys");
	msg = join(dir, "result.json");
	msgsig = join(dir, "result.json.minisig");
	bad = join(dir, "tampered.json");
	badsig = join(dir, "tampered.json.minisig");
	pubpath = join(keys, "certsim.pub");
	keypath = join(keys, "certsim.key");
	mine = join(dir, "by-minisign.minisig");
	wdir = join(dir, "w");
	k = load_key(keys);
	pk = sign_key_pubkey(k);

	/* Our signature verifies with minisign -V. */
	sig = sign_msg(k, message, len, "timestamp:1700000000\tfile:r.json");
	put_file(msg, message, len, 0644);
	put_file(msgsig, sig, strlen(sig), 0644);
	assert_int_equal(run_fmt(MINISIGN " -Vm '%s' -p '%s' -q", msg,
	    pubpath), 0);

	/* A tampered copy fails with minisign as well. */
	memcpy(copy, message, len);
	copy[10] ^= 0x01;
	put_file(bad, copy, len, 0644);
	put_file(badsig, sig, strlen(sig), 0644);
	assert_int_not_equal(run_fmt(MINISIGN " -Vm '%s' -p '%s' -q "
	    ">/dev/null 2>&1", bad, pubpath), 0);
	/* So do a tampered trusted comment and a tampered signature. */
	text = strdup(sig);
	*strstr(text, "timestamp:1700000000") = 'T';
	put_file(badsig, text, strlen(text), 0644);
	put_file(bad, message, len, 0644);
	assert_int_not_equal(run_fmt(MINISIGN " -Vm '%s' -p '%s' -q "
	    ">/dev/null 2>&1", bad, pubpath), 0);
	free(text);
	text = strdup(sig);
	text[strchr(text, '\n') - text + 20] ^= 0x01;
	put_file(badsig, text, strlen(text), 0644);
	assert_int_not_equal(run_fmt(MINISIGN " -Vm '%s' -p '%s' -q "
	    ">/dev/null 2>&1", bad, pubpath), 0);
	free(text);
	free(sig);

	/* The longest comments we allow still read back in minisign. */
	big = malloc(TRUSTED_MAX + 1);
	assert_non_null(big);
	memset(big, 'L', TRUSTED_MAX);
	big[TRUSTED_MAX] = '\0';
	sig = sign_detached(k, message, len, "u", big, &err);
	assert_non_null(sig);
	put_file(msgsig, sig, strlen(sig), 0644);
	assert_int_equal(run_fmt(MINISIGN " -Vm '%s' -p '%s' -q", msg,
	    pubpath), 0);
	free(sig);
	big[UNTRUSTED_MAX] = '\0';
	sig = sign_detached(k, message, len, big, "t", &err);
	assert_non_null(sig);
	put_file(msgsig, sig, strlen(sig), 0644);
	assert_int_equal(run_fmt(MINISIGN " -Vm '%s' -p '%s' -q", msg,
	    pubpath), 0);
	free(sig);
	free(big);

	/* minisign signs with our secret key file; we verify its output. */
	assert_int_equal(run_fmt(MINISIGN " -S -s '%s' -m '%s' -x '%s' "
	    "-t 'signed by minisign' </dev/null >/dev/null", keypath, msg,
	    mine), 0);
	text = get_file(mine, 1 << 20, &n);
	assert_int_equal(sign_verify(pk, message, len, text, n, &tc, &err), 0);
	assert_string_equal(tc, "signed by minisign");
	free(tc);
	assert_rejected(pk, copy, len, text, n,
	    "signature verification failed");
	free(text);
	/* ...and in its legacy (non-prehashed) mode. */
	assert_int_equal(run_fmt(MINISIGN " -S -l -s '%s' -m '%s' -x '%s' "
	    "-t legacy </dev/null >/dev/null", keypath, msg, mine), 0);
	text = get_file(mine, 1 << 20, &n);
	want = line_of(text, 2);
	assert_int_equal(b64_decode(want, (unsigned char *)copy, 80), 74);
	assert_memory_equal(copy, "Ed", 2);
	free(want);
	assert_int_equal(sign_verify(pk, message, len, text, n, NULL, &err),
	    0);
	free(text);

	/* A key pair from minisign -G -W loads, and keeps its key id. */
	assert_int_equal(mkdir(wdir, 0700), 0);
	wkey = join(wdir, "certsim.key");
	wpub = join(wdir, "certsim.pub");
	assert_int_equal(run_fmt(MINISIGN " -G -W -s '%s' -p '%s' "
	    "</dev/null >/dev/null", wkey, wpub), 0);
	text = get_file(wpub, 1 << 20, NULL);
	wk = load_key(wdir);
	sign_key_id_hex(wk, id);
	/* minisign prints the key id with %PRIX64, without leading zeros. */
	const char *prefix = "untrusted comment: minisign public key ";
	assert_memory_equal(text, prefix, strlen(prefix));
	assert_true(strtoull(text + strlen(prefix), NULL, 16) ==
	            strtoull(id, NULL, 16));
	want = sign_key_public_file(wk);
	assert_string_equal(strchr(want, '\n'), strchr(text, '\n'));
	free(want);
	free(text);
	sig = sign_msg(wk, message, len, "from a minisign key");
	put_file(msgsig, sig, strlen(sig), 0644);
	assert_int_equal(run_fmt(MINISIGN " -Vm '%s' -p '%s' -q", msg, wpub),
	    0);
	free(sig);
	sign_key_free(wk);

	free(wpub);
	free(wkey);
	free(wdir);
	sign_pubkey_free(pk);
	sign_key_free(k);
	free(mine);
	free(keypath);
	free(pubpath);
	free(badsig);
	free(bad);
	free(msgsig);
	free(msg);
	free(keys);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_tmp, teardown_tmp)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_roundtrip),
		T(test_key_files),
		T(test_pubkey_parse_errors),
		T(test_signature_byte_flips),
		T(test_message_byte_flips),
		T(test_trusted_comment_tampering),
		T(test_wrong_key),
		T(test_malformed_signatures),
		T(test_legacy_signature),
		T(test_comment_checks),
		T(test_secret_key_mode_refused),
		T(test_public_key_without_secret),
		T(test_public_key_recreated),
		T(test_public_key_mismatch),
		T(test_corrupt_secret_key),
		T(test_minisign_interop),
	};

	umask(022);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
