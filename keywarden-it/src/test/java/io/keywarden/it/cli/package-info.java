/**
 * Command-line tests: the AWS CLI v2 and v1 running the scripts of src/test/resources/cli, and the
 * {@code keywarden} command of the shaded jar run as a subprocess ({@link
 * io.keywarden.it.cli.ServerProcess}, {@link io.keywarden.it.cli.Subprocess}). Every subprocess is
 * killed when its test ends.
 */
package io.keywarden.it.cli;
