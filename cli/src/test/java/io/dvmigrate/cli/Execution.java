package io.dvmigrate.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * One dvmigrate command, run in this JVM through the entry point the launcher uses (minus its System.exit), with
 * what it printed: picocli's usage and errors and the commands' own output, which goes to System.out and System.err.
 * {@code home} stands for the checkout, so a stack someone keeps running there is never touched.
 */
record Execution(int exitCode, String out, String err) {

    static synchronized Execution of(Path home, String... args) {
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        String systemHome = System.getProperty("dvm.home");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setOut(outStream);
        System.setErr(errStream);
        System.setProperty("dvm.home", home.toString());
        try {
            CommandLine commandLine = Dvmigrate.commandLine()
                    .setOut(new PrintWriter(outStream, true))
                    .setErr(new PrintWriter(errStream, true));
            int exitCode = commandLine.execute(args);
            return new Execution(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
            if (systemHome == null) {
                System.clearProperty("dvm.home");
            } else {
                System.setProperty("dvm.home", systemHome);
            }
        }
    }
}
