package io.dvmigrate.cli.command;

import io.dvmigrate.emulator.EmulatorMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the Dataverse emulator in the foreground: the same program the local stack starts. */
@Command(name = "emulator", description = {"Runs the Dataverse emulator: a local Web API, token issuer and"
        + " service-protection model.", "Usage: dvmigrate emulator --port PORT --env NAME=SPEC [--env NAME=SPEC ...]"
        + " [--https-port PORT2] [--limits SPEC] [--app CLIENT_ID:SECRET] [--work-dir DIR]",
        "SPEC: demo, demo:N, demo-schema, generated:N, cmt:PATH, cmt-schema:PATH, csdl:PATH, json:PATH.",
        "Run `dvmigrate emulator --help` for every option."})
public final class EmulatorCommand implements Callable<Integer> {
    /** Everything after {@code emulator}, --help included, goes to the emulator's own command line. */
    @CommandLine.Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        return new CommandLine(new EmulatorMain()).execute(arguments.toArray(String[]::new));
    }
}
