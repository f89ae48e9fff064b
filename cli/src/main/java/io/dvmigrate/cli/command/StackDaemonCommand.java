package io.dvmigrate.cli.command;

import io.dvmigrate.cli.Dvmigrate;
import io.dvmigrate.cli.stack.LocalStack;
import io.dvmigrate.cli.stack.StackFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The background process `dvmigrate up` starts: it owns the stack until `dvmigrate down` (SIGTERM). */
@Command(name = "stack-daemon", hidden = true, description = "Runs the local stack in the foreground (used by `up`).")
public final class StackDaemonCommand implements Callable<Integer> {
    @Option(names = "--env", paramLabel = "NAME=SPEC")
    List<String> environments = new ArrayList<>();

    @Option(names = "--loaders", defaultValue = "1")
    int loaders;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> envs = new LinkedHashMap<>();
        environments.forEach(e -> envs.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
        LocalStack stack = LocalStack.start(LocalStack.Options.of("stack").environments(envs).loaders(loaders),
                System.out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            StackFile.delete();
            stack.close();
            stopped.countDown();
        }));
        StackFile.of(stack).write();
        System.out.println("stack ready");
        stopped.await();
        return Dvmigrate.OK;
    }
}
