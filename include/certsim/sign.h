/* Ed25519 signatures in minisign's format, made and checked with libsodium. */
#ifndef CERTSIM_SIGN_H
#define CERTSIM_SIGN_H

#include <stddef.h>

/*
 * A key pair. Opaque; create with sign_key_load_or_create(), free with
 * sign_key_free() (NULL is fine).
 */
struct sign_key;

/* A public key alone (for verification). Free with sign_pubkey_free(). */
struct sign_pubkey;

/*
 * Load the key pair from dir (SIGN_SECKEY_NAME secret, SIGN_PUBKEY_NAME public,
 * both in minisign's file formats; the secret key is unencrypted), creating
 * both (and dir, mode 0700) when neither exists. The secret key file is
 * written 0600; an existing secret key that group or others can read is
 * refused with a message saying how to fix it (chmod 600 PATH). A corrupt
 * or password-encrypted secret key is refused. A missing certsim.pub is
 * rewritten from the secret key; one that belongs to another key is an
 * error, and so is certsim.pub without certsim.key (no new key replaces a
 * public key others may trust). Keys made by minisign -G -W load too.
 * Returns 0 and *out, or -1 with *err (allocated, caller frees).
 */
int sign_key_load_or_create(const char *dir, struct sign_key **out, char **err);
/* The file names of the key pair inside its directory (home.c builds the paths). */
#define SIGN_SECKEY_NAME "certsim.key"
#define SIGN_PUBKEY_NAME "certsim.pub"
/* Free a key (its secret is wiped first); NULL is fine. */
void sign_key_free(struct sign_key *k);

/*
 * The public key in minisign's public-key file format (two lines:
 * "untrusted comment: minisign public key XXXXXXXXXXXXXXXX\n" and the
 * base64 line with "\n"). Returns an allocated string (caller frees).
 */
char *sign_key_public_file(const struct sign_key *k);

/* Write the key id as 16 uppercase hex digits (as minisign shows it) to out. */
void sign_key_id_hex(const struct sign_key *k, char out[17]);

/*
 * Sign msg. Returns an allocated string (caller frees) holding a complete
 * minisign signature file:
 *   untrusted comment: <untrusted>
 *   base64("ED" || keyid || Ed25519(BLAKE2b-512(msg)))
 *   trusted comment: <trusted>
 *   base64(Ed25519(signature || trusted))
 * untrusted and trusted must be single lines (no '\n' or '\r') no longer
 * than minisign can read back (1003 and 8173 bytes); NULL counts as "".
 * NULL on error with *err set (caller frees).
 */
char *sign_detached(const struct sign_key *k, const void *msg, size_t len, const char *untrusted,
                    const char *trusted, char **err);

/*
 * Parse a public key from the text of a minisign public-key file (or a bare
 * base64 line). Returns 0 and *out, or -1 with *err (caller frees).
 */
int sign_pubkey_parse(const char *text, struct sign_pubkey **out, char **err);
/* The public half of a key pair, as a new pubkey (caller frees). */
struct sign_pubkey *sign_key_pubkey(const struct sign_key *k);
/* Free a public key; NULL is fine. */
void sign_pubkey_free(struct sign_pubkey *p);

/*
 * Verify sigtext (a minisign signature file's text, sig_len bytes) over msg
 * with pk: the key id must match, the signature ("ED" prehashed; legacy "Ed"
 * also accepted) and the global signature over the trusted comment must
 * verify, and the file must be exactly in minisign's layout. Returns 0 and,
 * if trusted is not NULL, *trusted = allocated copy of the trusted comment
 * (caller frees); returns -1 with *err (caller frees) saying why.
 */
int sign_verify(const struct sign_pubkey *pk, const void *msg, size_t len, const char *sigtext,
                size_t sig_len, char **trusted, char **err);

#endif
