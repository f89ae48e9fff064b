package io.dvmigrate.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Local TCP ports: finding free ones, refusing busy ones with a clear message, probing listeners. */
public final class Ports {
    private Ports() {
    }

    /** A port nobody listens on right now (the OS picks it). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("no free local TCP port: " + e.getMessage(), e);
        }
    }

    /** {@code port} itself when free, a free one when {@code port} is 0; a clear error naming {@code what} when busy. */
    public static int claim(int port, String what) {
        if (port == 0) {
            return free();
        }
        if (isListening(port)) {
            throw new StackException("port " + port + " for " + what + " is already in use by another process"
                    + " (choose another port or stop that process)");
        }
        return port;
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
