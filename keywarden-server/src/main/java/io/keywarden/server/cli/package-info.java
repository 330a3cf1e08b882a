/** The {@code keywarden} command line: one picocli command class per subcommand. */
package io.keywarden.server.cli;
