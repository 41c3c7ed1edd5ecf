package dev.postmaster.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback between the application and a server it needs (the IMAP server, the database), with
 * the faults a network and a server have: {@link #cut()} is the server gone (the port refuses connections and
 * every open connection is dropped at once), {@link #restore()} brings it back on the same port, and
 * {@link #throttle(int)} makes it slow. The application is pointed at the proxy's port and never knows.
 * Plain sockets and a thread per direction: the tests open a handful of connections.
 */
final class FaultProxy implements AutoCloseable {

    private final String name;
    private final int port;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile int bytesPerSecond;

    private FaultProxy(String name, int port, int target) {
        this.name = name;
        this.port = port;
        this.target = target;
    }

    /** Relays loopback {@code port} to loopback {@code target}, from now on. */
    static FaultProxy start(String name, int port, int target) throws IOException {
        FaultProxy proxy = new FaultProxy(name, port, target);
        proxy.restore();
        return proxy;
    }

    /** The server is unreachable: nothing listens, and every open connection is closed. */
    synchronized void cut() throws IOException {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
        System.out.println(name + " proxy: cut");
    }

    /** The server is reachable again on the same port. */
    synchronized void restore() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listener = socket;
        Thread accepting = new Thread(() -> accept(socket), name + "-proxy-" + port);
        accepting.setDaemon(true);
        accepting.start();
        System.out.println(name + " proxy: open on " + port + " to " + target);
    }

    /** Passes at most about {@code bytesPerSecond} each way per connection; 0 for full speed. */
    void throttle(int bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread copying = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer, 0, chunk(buffer.length))) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                    slowDown(read);
                }
            } catch (IOException e) {
                // one side hung up, or the proxy was cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, name + "-proxy-copy");
        copying.setDaemon(true);
        copying.start();
    }

    private int chunk(int max) {
        int rate = bytesPerSecond;
        return rate <= 0 ? max : Math.max(1, Math.min(max, rate / 20));
    }

    private void slowDown(int bytes) {
        int rate = bytesPerSecond;
        if (rate <= 0) {
            return;
        }
        try {
            Thread.sleep(Math.max(1, bytes * 1000L / rate));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
