/* db_sha256.h — SHA-256 (FIPS 180-4) for the history hash chain (issue 7). Written here so that
 * duban needs no crypto library; model code: no I/O. */
#ifndef DUBAN_DB_SHA256_H
#define DUBAN_DB_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len; /* bytes hashed so far */
	unsigned char buf[64];
	size_t fill; /* bytes waiting in buf */
};

/* Starts a hash. */
void sha256_init(struct sha256 *s);

/* Adds len bytes of data. */
void sha256_update(struct sha256 *s, const void *data, size_t len);

/* Finishes the hash into out (32 bytes); s must be initialised again before reuse. */
void sha256_final(struct sha256 *s, unsigned char out[32]);

/* The digest of data as 64 lower-case hex digits and a NUL in hex (65 bytes). Returns hex. */
char *sha256_hex(const void *data, size_t len, char hex[65]);

#endif
