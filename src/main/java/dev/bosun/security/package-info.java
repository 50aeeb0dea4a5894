/** Credentials (the person's API token, agents' tokens, the admin password), the guard in front of /api and /engine-rest, the environment children inherit, the marks that let a turn's processes be killed, and the redaction of known secret values. */
@NullMarked
package dev.bosun.security;

import org.jspecify.annotations.NullMarked;
