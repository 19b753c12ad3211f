/* certsim verify|key: check a signed result; show or export the public key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/fsutil.h"
#include "certsim/home.h"
#include "certsim/result.h"
#include "certsim/sign.h"
#include "cli.h"

static const char verify_help[] =
    "Usage: certsim verify RESULT [--pubkey FILE]\n"
    "\n"
    "Check a result file: its signature (RESULT.minisig) and the global\n"
    "signature of its trusted comment, against FILE (a minisign public key;\n"
    "default: this user's key, $CERTSIM_HOME/keys/certsim.pub), and that the\n"
    "result is internally consistent (every item's correctness, the totals,\n"
    "the per-domain counts and the scaled score).\n"
    "Exit 0 and a one-line summary when it holds; exit 1 with the reason when\n"
    "it does not. The independent tool agrees: minisign -Vm RESULT -p FILE\n";

static const char key_help[] =
    "Usage: certsim key [--export FILE]\n"
    "\n"
    "Print this user's public key in minisign's format (made on first use in\n"
    "$CERTSIM_HOME/keys/), or write it to FILE. Give it to whoever checks\n"
    "your results: certsim verify RESULT --pubkey FILE, or minisign -Vm RESULT -p FILE.\n";

int
cmd_verify(int argc, char **argv)
{
	const char *path = NULL, *pub = NULL;
	char *home = NULL, *err = NULL, *summary = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(verify_help, stdout);
			return CLI_EXIT_DONE;
		} else if (strcmp(argv[i], "--pubkey") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("verify", "--pubkey needs a file");
			pub = argv[++i];
		} else if (strncmp(argv[i], "--pubkey=", 9) == 0) {
			pub = argv[i] + 9;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage_error("verify", "unknown option '%s'", argv[i]);
		} else if (path != NULL) {
			return cli_usage_error("verify", "verify takes one RESULT");
		} else {
			path = argv[i];
		}
	}
	if (path == NULL)
		return cli_usage_error("verify", "verify needs a RESULT file");
	if (pub == NULL && (home = home_dir(&err)) == NULL) {
		int code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		free(err);
		return code;
	}
	int code = CLI_EXIT_DONE;
	if (result_verify(path, pub, home, &summary, &err) < 0)
		code = cli_error(CLI_EXIT_INVALID, "verification FAILED: %s", err);
	else
		printf("%s\n", summary);
	free(summary);
	free(err);
	free(home);
	return code;
}

int
cmd_key(int argc, char **argv)
{
	const char *export = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(key_help, stdout);
			return CLI_EXIT_DONE;
		} else if (strcmp(argv[i], "--export") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("key", "--export needs a file");
			export = argv[++i];
		} else if (strncmp(argv[i], "--export=", 9) == 0) {
			export = argv[i] + 9;
		} else {
			return cli_usage_error("key", "unknown argument '%s'", argv[i]);
		}
	}
	char *err = NULL, *home = home_dir(&err), *keys = NULL, *text = NULL;
	struct sign_key *k = NULL;
	int code = CLI_EXIT_DONE;
	if (home == NULL) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	/* Not while an exam may be creating the key: the same lock as exam. */
	if ((code = cli_lock_home(home)) != 0)
		goto done;
	code = CLI_EXIT_DONE;
	keys = home_path(home, HOME_KEYS);
	if (keys == NULL || sign_key_load_or_create(keys, &k, &err) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err ? err : "out of memory");
		goto done;
	}
	text = sign_key_public_file(k);
	if (text == NULL) {
		code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
	} else if (export == NULL) {
		fputs(text, stdout);
	} else if (fsutil_write_atomic(export, text, strlen(text), 0644, &err) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
	} else {
		fprintf(stderr, "certsim: public key written to %s\n", export);
	}
done:
	sign_key_free(k);
	free(text);
	free(keys);
	free(home);
	free(err);
	return code;
}
