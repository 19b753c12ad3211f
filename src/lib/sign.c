/* Ed25519 signatures in minisign's format: key files, signing, verifying. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "certsim/fsutil.h"
#include "certsim/sign.h"

#include "base64.h"

#define KEYID_BYTES 8
#define PK_BYTES crypto_sign_PUBLICKEYBYTES
#define SK_BYTES crypto_sign_SECRETKEYBYTES
#define MS_SIG_BYTES crypto_sign_BYTES
#define PREHASH_BYTES crypto_generichash_BYTES_MAX
#define CHK_BYTES crypto_generichash_BYTES

/*
 * minisign's secret key: sig_alg "Ed", kdf_alg (zero: unencrypted), chk_alg
 * "B2", kdf salt (32), opslimit (8), memlimit (8), key id, secret key, and
 * BLAKE2b-256(sig_alg || key id || secret key).
 */
#define SKF_SIGALG 0
#define SKF_KDFALG 2
#define SKF_CHKALG 4
#define SKF_KEYID 54
#define SKF_SK (SKF_KEYID + KEYID_BYTES)
#define SKF_CHK (SKF_SK + SK_BYTES)
#define SKF_BYTES (SKF_CHK + CHK_BYTES)

/* Public key: "Ed" || key id || public key. */
#define PKF_BYTES (2 + KEYID_BYTES + PK_BYTES)
/* Signature line: "ED" (or legacy "Ed") || key id || signature. */
#define MS_SIGLINE_BYTES (2 + KEYID_BYTES + MS_SIG_BYTES)

#define UNTRUSTED_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "
#define PREFIX_LEN(p) (sizeof p - 1)

/*
 * minisign reads the comment lines with fgets() into 1024 and 8192-byte
 * buffers (the prefix, the text and the '\n' must fit, with the NUL);
 * longer comments would make it misread the file.
 */
#define UNTRUSTED_MAX (1024 - 2 - PREFIX_LEN(UNTRUSTED_PREFIX))
#define TRUSTED_MAX (8192 - 2 - PREFIX_LEN(TRUSTED_PREFIX))

#define KEY_FILE_MAX 4096

struct sign_key {
	unsigned char keyid[KEYID_BYTES];
	unsigned char sk[SK_BYTES];
};

struct sign_pubkey {
	unsigned char keyid[KEYID_BYTES];
	unsigned char pk[PK_BYTES];
};

static const unsigned char empty_msg[1];

static int
crypto_ready(char **err)
{
	if (sodium_init() < 0) {
		fsutil_set_err(err, "cannot initialise libsodium");
		return -1;
	}
	return 0;
}

/* minisign shows a key id as the little-endian 64-bit number in hex. */
static void
keyid_hex(const unsigned char id[KEYID_BYTES], char out[17])
{
	static const char digits[] = "0123456789ABCDEF";
	int i;

	for (i = 0; i < KEYID_BYTES; i++) {
		out[2 * i] = digits[id[KEYID_BYTES - 1 - i] >> 4];
		out[2 * i + 1] = digits[id[KEYID_BYTES - 1 - i] & 0x0f];
	}
	out[16] = '\0';
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
seckey_chk(const unsigned char *blob, unsigned char chk[CHK_BYTES])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, CHK_BYTES);
	crypto_generichash_update(&st, blob + SKF_SIGALG, 2);
	crypto_generichash_update(&st, blob + SKF_KEYID, KEYID_BYTES);
	crypto_generichash_update(&st, blob + SKF_SK, SK_BYTES);
	crypto_generichash_final(&st, chk, CHK_BYTES);
	sodium_memzero(&st, sizeof st);
}

/* Parse the text of an unencrypted minisign secret key file at path. */
static int
seckey_parse(const char *path, const char *text, size_t len, struct sign_key *k, char **err)
{
	unsigned char blob[SKF_BYTES], chk[CHK_BYTES], pk[PK_BYTES];
	unsigned char sk[SK_BYTES];
	static const unsigned char zero[CHK_BYTES];
	const char *end = text + len, *line, *nl;
	size_t got, line_len;
	int rc = -1, r;

	if (len < PREFIX_LEN(UNTRUSTED_PREFIX) ||
	    memcmp(text, UNTRUSTED_PREFIX, PREFIX_LEN(UNTRUSTED_PREFIX)) != 0) {
		fsutil_set_err(err,
		               "%s: not a minisign secret key (line 1 does not "
		               "start with \"" UNTRUSTED_PREFIX "\")",
		               path);
		goto out;
	}
	if ((nl = memchr(text, '\n', len)) == NULL) {
		fsutil_set_err(err,
		               "%s: not a minisign secret key (the key line "
		               "is missing)",
		               path);
		goto out;
	}
	line = nl + 1;
	if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
		nl = end;
	line_len = (size_t)(nl - line);
	if (line_len > 0 && line[line_len - 1] == '\r')
		line_len--;
	for (; nl < end; nl++) {
		if (!is_space(*nl)) {
			fsutil_set_err(err,
			               "%s: unexpected text after the secret "
			               "key line",
			               path);
			goto out;
		}
	}
	r = base64_decode(line, line_len, blob, sizeof blob, &got);
	if (r == -1) {
		fsutil_set_err(err, "%s: the secret key line is not valid base64", path);
		goto out;
	}
	if (r == -2) {
		fsutil_set_err(err,
		               "%s: the secret key has the wrong length (%zu "
		               "bytes; expected %d)",
		               path, got, SKF_BYTES);
		goto out;
	}
	if (memcmp(blob + SKF_SIGALG, "Ed", 2) != 0) {
		fsutil_set_err(err,
		               "%s: unsupported signature algorithm (not an "
		               "Ed25519 minisign key)",
		               path);
		goto out;
	}
	if (memcmp(blob + SKF_KDFALG, "Sc", 2) == 0) {
		fsutil_set_err(err,
		               "%s: the secret key is encrypted with a "
		               "password; certsim needs an unencrypted key (minisign "
		               "-G -W makes one)",
		               path);
		goto out;
	}
	if (blob[SKF_KDFALG] != 0 || blob[SKF_KDFALG + 1] != 0) {
		fsutil_set_err(err, "%s: unsupported key derivation function", path);
		goto out;
	}
	if (memcmp(blob + SKF_CHKALG, "B2", 2) != 0) {
		fsutil_set_err(err, "%s: unsupported checksum algorithm", path);
		goto out;
	}
	/* minisign -G -W leaves the checksum of unencrypted keys zero. */
	seckey_chk(blob, chk);
	if (sodium_memcmp(blob + SKF_CHK, zero, CHK_BYTES) != 0 &&
	    sodium_memcmp(blob + SKF_CHK, chk, CHK_BYTES) != 0) {
		fsutil_set_err(err,
		               "%s: the secret key is corrupt (checksum "
		               "mismatch)",
		               path);
		goto out;
	}
	/* Catches corruption the zero checksum cannot: the seed must give
	 * back the public half stored in the secret key. */
	crypto_sign_seed_keypair(pk, sk, blob + SKF_SK);
	if (sodium_memcmp(pk, blob + SKF_SK + crypto_sign_SEEDBYTES, PK_BYTES) != 0) {
		fsutil_set_err(err,
		               "%s: the secret key is corrupt (its public half "
		               "does not match its private half)",
		               path);
		goto out;
	}
	memcpy(k->keyid, blob + SKF_KEYID, KEYID_BYTES);
	memcpy(k->sk, blob + SKF_SK, SK_BYTES);
	rc = 0;

out:
	sodium_memzero(blob, sizeof blob);
	sodium_memzero(chk, sizeof chk);
	sodium_memzero(sk, sizeof sk);
	return rc;
}

/* The secret key file's text (allocated; wipe it before freeing). */
static char *
seckey_file(const struct sign_key *k, size_t *len)
{
	unsigned char blob[SKF_BYTES];
	char *b64, *text = NULL;

	memset(blob, 0, sizeof blob);
	memcpy(blob + SKF_SIGALG, "Ed", 2);
	memcpy(blob + SKF_CHKALG, "B2", 2);
	memcpy(blob + SKF_KEYID, k->keyid, KEYID_BYTES);
	memcpy(blob + SKF_SK, k->sk, SK_BYTES);
	seckey_chk(blob, blob + SKF_CHK);
	if ((b64 = base64_encode(blob, sizeof blob)) != NULL) {
		text = fsutil_asprintf(UNTRUSTED_PREFIX "minisign secret key\n%s\n", b64);
		sodium_memzero(b64, strlen(b64));
		free(b64);
	}
	sodium_memzero(blob, sizeof blob);
	if (text != NULL)
		*len = strlen(text);
	return text;
}

static void
wipe_free(char *s, size_t len)
{
	if (s == NULL)
		return;
	sodium_memzero(s, len);
	free(s);
}

/* 1 if path exists, 0 if not, -1 with *err on other stat errors. */
static int
exists(const char *path, struct stat *st, char **err)
{
	if (stat(path, st) == 0)
		return 1;
	if (errno == ENOENT)
		return 0;
	fsutil_set_err(err, "cannot access %s: %s", path, strerror(errno));
	return -1;
}

static int
write_pub(const char *path, const struct sign_key *k, char **err)
{
	char *text;
	int rc;

	if ((text = sign_key_public_file(k)) == NULL) {
		fsutil_set_err(err, "cannot write %s: out of memory", path);
		return -1;
	}
	rc = fsutil_write_atomic(path, text, strlen(text), 0644, err);
	free(text);
	return rc;
}

/* An existing public key file must belong to the secret key. */
static int
check_pub(const char *pubpath, const char *keypath, const struct sign_key *k, char **err)
{
	struct sign_pubkey *p = NULL;
	char *text = NULL, *perr = NULL, have[17], want[17];
	size_t len;
	int rc = -1;

	if (fsutil_read_file(pubpath, KEY_FILE_MAX, &text, &len, err) == -1)
		return -1;
	if (sign_pubkey_parse(text, &p, &perr) == -1) {
		fsutil_set_err(err,
		               "%s: %s; remove it and certsim will recreate it "
		               "from %s",
		               pubpath, perr != NULL ? perr : "out of memory", keypath);
		goto out;
	}
	if (memcmp(p->keyid, k->keyid, KEYID_BYTES) != 0 ||
	    memcmp(p->pk, k->sk + crypto_sign_SEEDBYTES, PK_BYTES) != 0) {
		keyid_hex(p->keyid, have);
		keyid_hex(k->keyid, want);
		fsutil_set_err(err,
		               "public key %s (key id %s) does not belong to "
		               "secret key %s (key id %s); remove it and certsim will "
		               "recreate it from the secret key",
		               pubpath, have, keypath, want);
		goto out;
	}
	rc = 0;

out:
	free(perr);
	free(text);
	sign_pubkey_free(p);
	return rc;
}

/*
 * Open and read the secret key without following a symbolic link, and
 * check the file actually opened (fstat on the descriptor, so it cannot be
 * swapped between the check and the read): a regular file of this user
 * that group and others cannot access. Returns 1 with *text and *len
 * (caller wipes and frees), 0 when there is no key file, -1 with *err.
 */
static int
seckey_read(const char *path, char **text, size_t *len, char **err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	*text = NULL;
	*len = 0;
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		if (errno == ELOOP)
			fsutil_set_err(err,
			               "refusing to use secret key %s: it is a symbolic link "
			               "(put the key file itself there)",
			               path);
		else
			fsutil_set_err(err, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	int rc = -1;
	char *buf = NULL;
	size_t n = 0;
	if (fstat(fd, &st) < 0) {
		fsutil_set_err(err, "cannot access %s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		fsutil_set_err(err, "refusing to use secret key %s: it is not a regular file",
		               path);
		goto out;
	}
	if (st.st_uid != geteuid()) {
		fsutil_set_err(err,
		               "refusing to use secret key %s: it belongs to user %ld, not to you "
		               "(user %ld)",
		               path, (long)st.st_uid, (long)geteuid());
		goto out;
	}
	if ((st.st_mode & 077) != 0) {
		fsutil_set_err(err,
		               "refusing to use secret key %s: it is "
		               "%s by group or others (mode %04o); run: "
		               "chmod 600 %s",
		               path, (st.st_mode & 044) != 0 ? "readable" : "accessible",
		               (unsigned)(st.st_mode & 07777), path);
		goto out;
	}
	if ((buf = malloc(KEY_FILE_MAX + 1)) == NULL) {
		fsutil_set_err(err, "out of memory");
		goto out;
	}
	for (;;) {
		ssize_t r = read(fd, buf + n, KEY_FILE_MAX + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fsutil_set_err(err, "cannot read %s: %s", path, strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > KEY_FILE_MAX) {
			fsutil_set_err(err, "%s is larger than %d bytes: not a certsim secret key",
			               path, KEY_FILE_MAX);
			goto out;
		}
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	buf = NULL;
	rc = 1;
out:
	if (buf != NULL) {
		sodium_memzero(buf, KEY_FILE_MAX + 1);
		free(buf);
	}
	close(fd);
	return rc;
}

/*
 * Write a new secret key file: into a temporary file created with O_EXCL
 * (mode 0600), synced, then linked to path, which fails rather than replace
 * a key that appeared meanwhile. Returns 0, or -1 with *err.
 */
static int
seckey_create(const char *path, const char *text, size_t len, char **err)
{
	char *tmp = fsutil_asprintf("%s.tmp.%ld", path, (long)getpid());
	int fd = tmp ? open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
	int rc = -1;
	if (fd < 0) {
		fsutil_set_err(err, "cannot create %s: %s", path,
		               tmp ? strerror(errno) : "out of memory");
		free(tmp);
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			fsutil_set_err(err, "cannot write %s: %s", path, strerror(errno));
			goto out;
		}
		done += (size_t)w;
	}
	if (fsync(fd) < 0) {
		fsutil_set_err(err, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	if (link(tmp, path) < 0) {
		if (errno == EEXIST)
			fsutil_set_err(err,
			               "secret key %s appeared while a new one was made (another "
			               "certsim?); it was left as it is: run the command again",
			               path);
		else
			fsutil_set_err(err, "cannot create %s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (close(fd) < 0 && rc == 0) {
		fsutil_set_err(err, "cannot write %s: %s", path, strerror(errno));
		unlink(path);
		rc = -1;
	}
	unlink(tmp);
	free(tmp);
	return rc;
}

int
sign_key_load_or_create(const char *dir, struct sign_key **out, char **err)
{
	struct sign_key *k = NULL;
	struct stat pst;
	char *keypath = NULL, *pubpath = NULL, *text = NULL;
	const char *sep;
	size_t len = 0;
	int have_key, have_pub;

	*out = NULL;
	if (crypto_ready(err) == -1 || fsutil_mkdirs(dir, 0700, err) == -1)
		return -1;
	sep = *dir != '\0' && dir[strlen(dir) - 1] == '/' ? "" : "/";
	keypath = fsutil_asprintf("%s%s%s", dir, sep, SIGN_SECKEY_NAME);
	pubpath = fsutil_asprintf("%s%s%s", dir, sep, SIGN_PUBKEY_NAME);
	k = malloc(sizeof *k);
	if (keypath == NULL || pubpath == NULL || k == NULL) {
		fsutil_set_err(err, "out of memory");
		goto fail;
	}
	if ((have_key = seckey_read(keypath, &text, &len, err)) == -1 ||
	    (have_pub = exists(pubpath, &pst, err)) == -1)
		goto fail;

	if (have_key) {
		if (seckey_parse(keypath, text, len, k, err) == -1)
			goto fail;
		if (have_pub) {
			if (check_pub(pubpath, keypath, k, err) == -1)
				goto fail;
		} else if (write_pub(pubpath, k, err) == -1) {
			goto fail;
		}
	} else if (have_pub) {
		fsutil_set_err(err,
		               "found public key %s but no secret key %s; "
		               "refusing to make a new key pair that would replace a "
		               "public key others may trust (restore %s, or remove %s to "
		               "start over with a new key)",
		               pubpath, keypath, keypath, pubpath);
		goto fail;
	} else {
		unsigned char pk[PK_BYTES];

		randombytes_buf(k->keyid, KEYID_BYTES);
		crypto_sign_keypair(pk, k->sk);
		if ((text = seckey_file(k, &len)) == NULL) {
			fsutil_set_err(err, "cannot write %s: out of memory", keypath);
			goto fail;
		}
		if (seckey_create(keypath, text, len, err) == -1 ||
		    write_pub(pubpath, k, err) == -1)
			goto fail;
	}
	wipe_free(text, len);
	free(keypath);
	free(pubpath);
	*out = k;
	return 0;

fail:
	wipe_free(text, len);
	free(keypath);
	free(pubpath);
	sign_key_free(k);
	return -1;
}

void
sign_key_free(struct sign_key *k)
{
	if (k == NULL)
		return;
	sodium_memzero(k, sizeof *k);
	free(k);
}

char *
sign_key_public_file(const struct sign_key *k)
{
	unsigned char blob[PKF_BYTES];
	char id[17], *b64, *text;

	memcpy(blob, "Ed", 2);
	memcpy(blob + 2, k->keyid, KEYID_BYTES);
	memcpy(blob + 2 + KEYID_BYTES, k->sk + crypto_sign_SEEDBYTES, PK_BYTES);
	if ((b64 = base64_encode(blob, sizeof blob)) == NULL)
		return NULL;
	keyid_hex(k->keyid, id);
	text = fsutil_asprintf(UNTRUSTED_PREFIX "minisign public key %s\n%s\n", id, b64);
	free(b64);
	return text;
}

void
sign_key_id_hex(const struct sign_key *k, char out[17])
{
	keyid_hex(k->keyid, out);
}

/* A comment must fit on one line and in minisign's buffer. */
static int
check_comment(const char *what, const char *s, size_t max, char **err)
{
	size_t len = strlen(s);

	if (strpbrk(s, "\r\n") != NULL) {
		fsutil_set_err(err,
		               "the %s comment must be a single line (it "
		               "contains a line break)",
		               what);
		return -1;
	}
	if (len > max) {
		fsutil_set_err(err,
		               "the %s comment is too long (%zu bytes; the "
		               "limit is %zu bytes)",
		               what, len, max);
		return -1;
	}
	return 0;
}

char *
sign_detached(const struct sign_key *k, const void *msg, size_t len, const char *untrusted,
              const char *trusted, char **err)
{
	unsigned char hash[PREHASH_BYTES], blob[MS_SIGLINE_BYTES];
	unsigned char global[MS_SIG_BYTES], *sig = blob + 2 + KEYID_BYTES;
	unsigned char *signed_tc = NULL;
	char *sig_b64 = NULL, *global_b64 = NULL, *text = NULL;
	size_t tlen;

	if (untrusted == NULL)
		untrusted = "";
	if (trusted == NULL)
		trusted = "";
	if (msg == NULL)
		msg = empty_msg;
	if (crypto_ready(err) == -1 ||
	    check_comment("untrusted", untrusted, UNTRUSTED_MAX, err) == -1 ||
	    check_comment("trusted", trusted, TRUSTED_MAX, err) == -1)
		return NULL;
	tlen = strlen(trusted);

	crypto_generichash(hash, sizeof hash, msg, len, NULL, 0);
	memcpy(blob, "ED", 2);
	memcpy(blob + 2, k->keyid, KEYID_BYTES);
	crypto_sign_detached(sig, NULL, hash, sizeof hash, k->sk);

	if ((signed_tc = malloc(MS_SIG_BYTES + tlen)) == NULL)
		goto oom;
	memcpy(signed_tc, sig, MS_SIG_BYTES);
	memcpy(signed_tc + MS_SIG_BYTES, trusted, tlen);
	crypto_sign_detached(global, NULL, signed_tc, MS_SIG_BYTES + tlen, k->sk);

	if ((sig_b64 = base64_encode(blob, sizeof blob)) == NULL ||
	    (global_b64 = base64_encode(global, sizeof global)) == NULL)
		goto oom;
	text = fsutil_asprintf(UNTRUSTED_PREFIX "%s\n%s\n" TRUSTED_PREFIX "%s\n%s\n", untrusted,
	                       sig_b64, trusted, global_b64);
	if (text == NULL)
		goto oom;
	goto out;

oom:
	fsutil_set_err(err, "cannot sign: out of memory");
out:
	free(signed_tc);
	free(sig_b64);
	free(global_b64);
	return text;
}

int
sign_pubkey_parse(const char *text, struct sign_pubkey **out, char **err)
{
	unsigned char blob[PKF_BYTES];
	struct sign_pubkey *p;
	const char *b64, *end;
	size_t got;
	int r;

	*out = NULL;
	if (text == NULL) {
		fsutil_set_err(err, "public key: no text");
		return -1;
	}
	if (strncmp(text, UNTRUSTED_PREFIX, PREFIX_LEN(UNTRUSTED_PREFIX)) == 0) {
		if ((text = strchr(text, '\n')) == NULL) {
			fsutil_set_err(err, "public key: the key line after the "
			                    "comment is missing");
			return -1;
		}
		text++;
	}
	for (b64 = text; is_space(*b64); b64++)
		;
	for (end = b64; *end != '\0' && !is_space(*end); end++)
		;
	if (end == b64) {
		fsutil_set_err(err, "public key: the key line is missing");
		return -1;
	}
	for (text = end; is_space(*text); text++)
		;
	if (*text != '\0') {
		fsutil_set_err(err, "public key: unexpected text after the key line");
		return -1;
	}
	r = base64_decode(b64, (size_t)(end - b64), blob, sizeof blob, &got);
	if (r == -1) {
		fsutil_set_err(err, "public key: the key line is not valid base64");
		return -1;
	}
	if (r == -2) {
		fsutil_set_err(err,
		               "public key: wrong length (%zu bytes; a minisign "
		               "public key has %d)",
		               got, PKF_BYTES);
		return -1;
	}
	if (memcmp(blob, "Ed", 2) != 0) {
		fsutil_set_err(err, "public key: unsupported signature algorithm "
		                    "(not an Ed25519 minisign key)");
		return -1;
	}
	if ((p = malloc(sizeof *p)) == NULL) {
		fsutil_set_err(err, "public key: out of memory");
		return -1;
	}
	memcpy(p->keyid, blob + 2, KEYID_BYTES);
	memcpy(p->pk, blob + 2 + KEYID_BYTES, PK_BYTES);
	*out = p;
	return 0;
}

struct sign_pubkey *
sign_key_pubkey(const struct sign_key *k)
{
	struct sign_pubkey *p;

	if ((p = malloc(sizeof *p)) == NULL)
		return NULL;
	memcpy(p->keyid, k->keyid, KEYID_BYTES);
	memcpy(p->pk, k->sk + crypto_sign_SEEDBYTES, PK_BYTES);
	return p;
}

void
sign_pubkey_free(struct sign_pubkey *p)
{
	free(p);
}

/*
 * Take line n (1-based, named what) of the signature from *pos: it must end
 * with '\n'. Sets *line and *len (without the '\n') and advances *pos.
 */
static int
take_line(const char **pos, const char *end, int n, const char *what, const char **line,
          size_t *len, char **err)
{
	const char *nl;

	if (*pos == end) {
		fsutil_set_err(err,
		               "signature is incomplete: line %d (%s) is "
		               "missing",
		               n, what);
		return -1;
	}
	if ((nl = memchr(*pos, '\n', (size_t)(end - *pos))) == NULL) {
		fsutil_set_err(err,
		               "signature is incomplete: line %d (%s) does not "
		               "end with a newline",
		               n, what);
		return -1;
	}
	*line = *pos;
	*len = (size_t)(nl - *pos);
	*pos = nl + 1;
	return 0;
}

static int
take_prefix(const char **line, size_t *len, const char *prefix, int n, char **err)
{
	size_t plen = strlen(prefix);

	if (*len < plen || memcmp(*line, prefix, plen) != 0) {
		fsutil_set_err(err, "signature: line %d does not start with \"%s\"", n, prefix);
		return -1;
	}
	*line += plen;
	*len -= plen;
	return 0;
}

int
sign_verify(const struct sign_pubkey *pk, const void *msg, size_t len, const char *sigtext,
            size_t sig_len, char **trusted, char **err)
{
	unsigned char blob[MS_SIGLINE_BYTES], global[MS_SIG_BYTES];
	unsigned char hash[PREHASH_BYTES];
	const unsigned char *sig = blob + 2 + KEYID_BYTES;
	unsigned char *signed_tc = NULL;
	const char *pos, *end, *line, *tc;
	char have[17], want[17];
	size_t line_len, tc_len, got;
	int rc = -1, r, prehashed;

	if (trusted != NULL)
		*trusted = NULL;
	if (msg == NULL)
		msg = empty_msg;
	if (crypto_ready(err) == -1)
		return -1;
	if (sigtext == NULL) {
		fsutil_set_err(err, "signature: no text");
		return -1;
	}
	if (memchr(sigtext, '\0', sig_len) != NULL) {
		fsutil_set_err(err, "signature: not a minisign signature (it "
		                    "contains a NUL byte)");
		return -1;
	}
	pos = sigtext;
	end = sigtext + sig_len;

	if (take_line(&pos, end, 1, "the untrusted comment", &line, &line_len, err) == -1 ||
	    take_prefix(&line, &line_len, UNTRUSTED_PREFIX, 1, err) == -1)
		return -1;

	if (take_line(&pos, end, 2, "the signature", &line, &line_len, err) == -1)
		return -1;
	r = base64_decode(line, line_len, blob, sizeof blob, &got);
	if (r == -1) {
		fsutil_set_err(err, "signature: line 2 (the signature) is not valid "
		                    "base64");
		return -1;
	}
	if (r == -2) {
		fsutil_set_err(err,
		               "signature: line 2 (the signature) has the wrong "
		               "length (%zu bytes; expected %d)",
		               got, MS_SIGLINE_BYTES);
		return -1;
	}
	if (memcmp(blob, "ED", 2) == 0) {
		prehashed = 1;
	} else if (memcmp(blob, "Ed", 2) == 0) {
		prehashed = 0;
	} else {
		fsutil_set_err(err, "signature: unsupported signature algorithm "
		                    "(line 2 is not an Ed25519 minisign signature)");
		return -1;
	}

	if (take_line(&pos, end, 3, "the trusted comment", &tc, &tc_len, err) == -1 ||
	    take_prefix(&tc, &tc_len, TRUSTED_PREFIX, 3, err) == -1)
		return -1;

	if (take_line(&pos, end, 4, "the global signature", &line, &line_len, err) == -1)
		return -1;
	r = base64_decode(line, line_len, global, sizeof global, &got);
	if (r == -1) {
		fsutil_set_err(err, "signature: line 4 (the global signature) is not "
		                    "valid base64");
		return -1;
	}
	if (r == -2) {
		fsutil_set_err(err,
		               "signature: line 4 (the global signature) has "
		               "the wrong length (%zu bytes; expected %d)",
		               got, MS_SIG_BYTES);
		return -1;
	}
	if (pos != end) {
		fsutil_set_err(err, "signature: unexpected data after line 4");
		return -1;
	}

	if (memcmp(blob + 2, pk->keyid, KEYID_BYTES) != 0) {
		keyid_hex(blob + 2, have);
		keyid_hex(pk->keyid, want);
		fsutil_set_err(err,
		               "the key ids differ: the signature was made with "
		               "key %s, but the public key is key %s",
		               have, want);
		return -1;
	}
	if (prehashed) {
		crypto_generichash(hash, sizeof hash, msg, len, NULL, 0);
		r = crypto_sign_verify_detached(sig, hash, sizeof hash, pk->pk);
	} else {
		r = crypto_sign_verify_detached(sig, msg, len, pk->pk);
	}
	if (r != 0) {
		fsutil_set_err(err, "signature verification failed: the data does "
		                    "not match the signature");
		return -1;
	}

	if ((signed_tc = malloc(MS_SIG_BYTES + tc_len)) == NULL) {
		fsutil_set_err(err, "cannot verify: out of memory");
		goto out;
	}
	memcpy(signed_tc, sig, MS_SIG_BYTES);
	memcpy(signed_tc + MS_SIG_BYTES, tc, tc_len);
	if (crypto_sign_verify_detached(global, signed_tc, MS_SIG_BYTES + tc_len, pk->pk) != 0) {
		fsutil_set_err(err, "trusted comment verification failed: the "
		                    "trusted comment or the global signature was altered");
		goto out;
	}
	if (trusted != NULL) {
		if ((*trusted = malloc(tc_len + 1)) == NULL) {
			fsutil_set_err(err, "cannot verify: out of memory");
			goto out;
		}
		memcpy(*trusted, tc, tc_len);
		(*trusted)[tc_len] = '\0';
	}
	rc = 0;

out:
	free(signed_tc);
	return rc;
}
