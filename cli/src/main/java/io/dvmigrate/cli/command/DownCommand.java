package io.dvmigrate.cli.command;

import io.dvmigrate.cli.Dvmigrate;
import io.dvmigrate.cli.stack.StackFile;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** Stops the stack `dvmigrate up` started, and everything in it. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stops the local stack `dvmigrate up` started.")
public final class DownCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Optional<StackFile> running = StackFile.running();
        if (running.isEmpty()) {
            System.out.println("no stack is running");
            StackFile.delete();
            return Dvmigrate.OK;
        }
        ProcessHandle daemon = ProcessHandle.of(running.get().pid()).orElseThrow();
        System.out.println("stopping the stack (pid " + daemon.pid() + ")");
        daemon.destroy();
        try {
            daemon.onExit().get(90, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
        }
        StackFile.delete();
        System.out.println("stopped");
        return Dvmigrate.OK;
    }
}
