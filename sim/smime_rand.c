/* smime_rand — OpenSSL's random numbers as a function of the run's seed.
 *
 * CMS draws the session key and IV, RSA draws its PKCS#1 padding and
 * blinding, key generation draws its primes, all through RAND_bytes_ex and
 * RAND_priv_bytes_ex of the library context they run in.  A small built-in
 * provider offers one random generator, "MAILSIM-SEEDED", and the smime
 * context's private OSSL_LIB_CTX uses it for its primary, public and
 * private DRBGs (RAND_set_DRBG_type; OpenSSL's own tests swap the generator
 * the same way).  Before each operation the context rekeys it (smime.c):
 * block i of a stream is SHA-256(key | stream | i), so what an operation
 * produces depends only on its key — on the seed and the operation — and
 * not on how many other operations ran before, or which the GUI repeated.
 *
 * Why this is acceptable here and nowhere else: mailsim is a teaching
 * simulator.  Its keys protect nothing; the lesson wants the same mail,
 * byte for byte, every time a class replays it.  A generator whose output
 * anyone with the seed can recompute would be a catastrophe in a real MUA.
 * It is also fail-closed: until the first rekey it refuses to generate, so
 * an OpenSSL path we did not foresee errors out instead of quietly using
 * other randomness.
 *
 * The other choices in OpenSSL 3.0 were worse: RAND_set_rand_method is
 * deprecated (and global), the built-in TEST-RAND returns only a fixed
 * buffer, and a standard DRBG over a fixed seed source still mixes the
 * process id, the time and an object's address into its nonce. */
#include "smime_int.h"

#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/rand.h>
#include <string.h>

#define SMIME_RAND_ALG "MAILSIM-SEEDED"
#define SMIME_RAND_PROVIDER "mailsim-seeded"
#define SMIME_RAND_PARAM_KEY "mailsim-key"
#define SMIME_RAND_PARAM_STREAM "mailsim-stream"

struct smime_rand_state {
	int state;                  /* EVP_RAND_STATE_* */
	int keyed;
	unsigned stream;            /* 1 public, 2 private: distinct streams */
	unsigned char key[32];
	uint64_t block;             /* next block number */
};

static OSSL_FUNC_rand_newctx_fn smime_rand_newctx;
static OSSL_FUNC_rand_freectx_fn smime_rand_freectx;
static OSSL_FUNC_rand_instantiate_fn smime_rand_instantiate;
static OSSL_FUNC_rand_uninstantiate_fn smime_rand_uninstantiate;
static OSSL_FUNC_rand_generate_fn smime_rand_generate;
static OSSL_FUNC_rand_enable_locking_fn smime_rand_enable_locking;
static OSSL_FUNC_rand_gettable_ctx_params_fn smime_rand_gettable;
static OSSL_FUNC_rand_get_ctx_params_fn smime_rand_get;
static OSSL_FUNC_rand_settable_ctx_params_fn smime_rand_settable;
static OSSL_FUNC_rand_set_ctx_params_fn smime_rand_set;

static void *smime_rand_newctx(void *provctx, void *parent, const OSSL_DISPATCH *parent_calls)
{
	(void)provctx;
	(void)parent;       /* the generator never reseeds from a parent */
	(void)parent_calls;
	struct smime_rand_state *r = xcalloc(1, sizeof *r);
	r->state = EVP_RAND_STATE_UNINITIALISED;
	return r;
}

static void smime_rand_freectx(void *vr)
{
	if (vr)
		OPENSSL_cleanse(vr, sizeof(struct smime_rand_state));
	free(vr);
}

static int smime_rand_instantiate(void *vr, unsigned int strength, int prediction_resistance,
                                  const unsigned char *pstr, size_t pstr_len,
                                  const OSSL_PARAM params[])
{
	(void)strength;
	(void)prediction_resistance;
	(void)pstr;
	(void)pstr_len;
	struct smime_rand_state *r = vr;
	r->state = EVP_RAND_STATE_READY;
	return smime_rand_set(vr, params);
}

static int smime_rand_uninstantiate(void *vr)
{
	struct smime_rand_state *r = vr;
	r->state = EVP_RAND_STATE_UNINITIALISED;
	return 1;
}

static int smime_rand_generate(void *vr, unsigned char *out, size_t outlen, unsigned int strength,
                               int prediction_resistance, const unsigned char *adin,
                               size_t adin_len)
{
	(void)strength;
	(void)prediction_resistance;   /* nothing to reseed from: by design */
	(void)adin;                    /* OpenSSL passes none on these paths */
	(void)adin_len;
	struct smime_rand_state *r = vr;
	if (!r->keyed || r->state != EVP_RAND_STATE_READY)
		return 0;
	while (outlen > 0) {
		unsigned char in[32 + 4 + 8], h[32];
		memcpy(in, r->key, 32);
		for (int i = 0; i < 4; i++)
			in[32 + i] = (unsigned char)(r->stream >> (24 - 8 * i));
		for (int i = 0; i < 8; i++)
			in[36 + i] = (unsigned char)(r->block >> (56 - 8 * i));
		r->block++;
		/* SHA-256 from the default library context: hashing draws no
		 * random bytes, so it cannot loop back into this generator. */
		if (!EVP_Digest(in, sizeof in, h, NULL, EVP_sha256(), NULL))
			return 0;
		size_t k = outlen < sizeof h ? outlen : sizeof h;
		memcpy(out, h, k);
		out += k;
		outlen -= k;
	}
	return 1;
}

static int smime_rand_enable_locking(void *vr)
{
	(void)vr;   /* a context is used from one thread at a time (smime.h) */
	return 1;
}

static const OSSL_PARAM *smime_rand_gettable(void *vr, void *provctx)
{
	(void)vr;
	(void)provctx;
	static const OSSL_PARAM known[] = {
		OSSL_PARAM_int(OSSL_RAND_PARAM_STATE, NULL),
		OSSL_PARAM_uint(OSSL_RAND_PARAM_STRENGTH, NULL),
		OSSL_PARAM_size_t(OSSL_RAND_PARAM_MAX_REQUEST, NULL),
		OSSL_PARAM_END
	};
	return known;
}

static int smime_rand_get(void *vr, OSSL_PARAM params[])
{
	struct smime_rand_state *r = vr;
	OSSL_PARAM *p;
	if ((p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STATE)) && !OSSL_PARAM_set_int(p, r->state))
		return 0;
	if ((p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STRENGTH)) && !OSSL_PARAM_set_uint(p, 256))
		return 0;
	if ((p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_MAX_REQUEST)) &&
	    !OSSL_PARAM_set_size_t(p, (size_t)1 << 16))
		return 0;
	return 1;
}

static const OSSL_PARAM *smime_rand_settable(void *vr, void *provctx)
{
	(void)vr;
	(void)provctx;
	static const OSSL_PARAM known[] = {
		OSSL_PARAM_octet_string(SMIME_RAND_PARAM_KEY, NULL, 0),
		OSSL_PARAM_uint(SMIME_RAND_PARAM_STREAM, NULL),
		OSSL_PARAM_END
	};
	return known;
}

static int smime_rand_set(void *vr, const OSSL_PARAM params[])
{
	struct smime_rand_state *r = vr;
	const OSSL_PARAM *p;
	if (!params)
		return 1;
	if ((p = OSSL_PARAM_locate_const(params, SMIME_RAND_PARAM_STREAM)) &&
	    !OSSL_PARAM_get_uint(p, &r->stream))
		return 0;
	if ((p = OSSL_PARAM_locate_const(params, SMIME_RAND_PARAM_KEY))) {
		void *k = r->key;
		size_t n = 0;
		if (!OSSL_PARAM_get_octet_string(p, &k, sizeof r->key, &n) || n != sizeof r->key)
			return 0;
		r->keyed = 1;
		r->block = 0;
	}
	return 1;
}

static const OSSL_DISPATCH smime_rand_functions[] = {
	{ OSSL_FUNC_RAND_NEWCTX, (void (*)(void))smime_rand_newctx },
	{ OSSL_FUNC_RAND_FREECTX, (void (*)(void))smime_rand_freectx },
	{ OSSL_FUNC_RAND_INSTANTIATE, (void (*)(void))smime_rand_instantiate },
	{ OSSL_FUNC_RAND_UNINSTANTIATE, (void (*)(void))smime_rand_uninstantiate },
	{ OSSL_FUNC_RAND_GENERATE, (void (*)(void))smime_rand_generate },
	{ OSSL_FUNC_RAND_ENABLE_LOCKING, (void (*)(void))smime_rand_enable_locking },
	{ OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, (void (*)(void))smime_rand_gettable },
	{ OSSL_FUNC_RAND_GET_CTX_PARAMS, (void (*)(void))smime_rand_get },
	{ OSSL_FUNC_RAND_SETTABLE_CTX_PARAMS, (void (*)(void))smime_rand_settable },
	{ OSSL_FUNC_RAND_SET_CTX_PARAMS, (void (*)(void))smime_rand_set },
	{ 0, NULL }
};

static const OSSL_ALGORITHM smime_rand_algorithms[] = {
	{ SMIME_RAND_ALG, "provider=" SMIME_RAND_PROVIDER, smime_rand_functions, NULL },
	{ NULL, NULL, NULL, NULL }
};

static const OSSL_ALGORITHM *smime_rand_query(void *provctx, int operation_id, int *no_cache)
{
	(void)provctx;
	*no_cache = 0;
	return operation_id == OSSL_OP_RAND ? smime_rand_algorithms : NULL;
}

static const OSSL_DISPATCH smime_rand_provider[] = {
	{ OSSL_FUNC_PROVIDER_QUERY_OPERATION, (void (*)(void))smime_rand_query },
	{ 0, NULL }
};

static int smime_rand_provider_init(const OSSL_CORE_HANDLE *handle, const OSSL_DISPATCH *in,
                                    const OSSL_DISPATCH **out, void **provctx)
{
	(void)handle;
	(void)in;
	*out = smime_rand_provider;
	*provctx = NULL;
	return 1;
}

int smime_rand_install(OSSL_LIB_CTX *libctx, OSSL_PROVIDER **prov)
{
	*prov = NULL;
	if (!OSSL_PROVIDER_add_builtin(libctx, SMIME_RAND_PROVIDER, smime_rand_provider_init) ||
	    !RAND_set_DRBG_type(libctx, SMIME_RAND_ALG, NULL, NULL, NULL))
		return 0;
	*prov = OSSL_PROVIDER_load(libctx, SMIME_RAND_PROVIDER);
	return *prov != NULL;
}

static int smime_rand_key_one(EVP_RAND_CTX *rc, const unsigned char key[32], unsigned stream)
{
	OSSL_PARAM params[3];
	params[0] = OSSL_PARAM_construct_octet_string(SMIME_RAND_PARAM_KEY, (void *)key, 32);
	params[1] = OSSL_PARAM_construct_uint(SMIME_RAND_PARAM_STREAM, &stream);
	params[2] = OSSL_PARAM_construct_end();
	return rc && EVP_RAND_CTX_set_params(rc, params);
}

int smime_rand_rekey(OSSL_LIB_CTX *libctx, const unsigned char key[32])
{
	/* The primary DRBG only parents the other two and is never drawn from;
	 * keying it too keeps every generator of the context on the seed. */
	return smime_rand_key_one(RAND_get0_primary(libctx), key, 0) &&
	       smime_rand_key_one(RAND_get0_public(libctx), key, 1) &&
	       smime_rand_key_one(RAND_get0_private(libctx), key, 2);
}
