package dev.tradingbatch.jobs.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/commands.md is what the command line's definitions give, so CI fails when a command changes and
 * the reference does not. With {@code -Ddocs.update=true} this test writes the file instead of checking it.
 */
class CommandReferenceTest {

    @Test
    void shouldMatchTheCommittedCommandReference() throws IOException {
        Path file = CommandReference.repositoryRoot().resolve(CommandReference.FILE);
        String generated = CommandReference.markdown();
        if (Boolean.getBoolean("docs.update")) {
            CommandReference.write(file);
        }
        assertThat(Files.exists(file)).as("%s is missing: generate it with %s", CommandReference.FILE,
                CommandReference.REGENERATE).isTrue();
        assertThat(Files.readString(file))
                .as("%s differs from the commands' definitions: regenerate it with %s", CommandReference.FILE,
                        CommandReference.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void shouldEndEveryCommandSummaryAtASentence() {
        for (CommandLine command : CommandReference.commands()) {
            assertThat(CommandReference.summary(command))
                    .as("the first description line of '%s', which --help lists it with", CommandReference.path(command))
                    .isNotBlank()
                    .endsWith(".");
        }
    }

    @Test
    void shouldListEveryCommandInTheReference() {
        String markdown = CommandReference.markdown();
        for (CommandLine command : CommandReference.commands()) {
            assertThat(markdown).contains("## `" + CommandReference.path(command) + "`\n\n```text\nUsage: ");
        }
    }
}
