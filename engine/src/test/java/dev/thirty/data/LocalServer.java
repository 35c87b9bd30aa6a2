package dev.thirty.data;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test HTTP servers on 127.0.0.1: a real one serving fixed bodies, and one that drops the connection mid-body. */
final class LocalServer implements AutoCloseable {

    private final AutoCloseable stop;
    private final int port;
    private final Map<String, AtomicInteger> hits;

    private LocalServer(AutoCloseable stop, int port, Map<String, AtomicInteger> hits) {
        this.stop = stop;
        this.port = port;
        this.hits = hits;
    }

    /** Serves {@code body} with status 200 at {@code path}; every other path is a 404. */
    static LocalServer serving(String path, byte[] body) throws IOException {
        return serving(Map.of(path, body));
    }

    /** Serves each body with status 200 at its path, counting requests; every other path is a 404. */
    static LocalServer serving(Map<String, byte[]> bodies) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = bodies.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new LocalServer(() -> server.stop(0), server.getAddress().getPort(), hits);
    }

    /** A URL on 127.0.0.1 at a port nothing listens on (it was free a moment ago), so connecting is refused. */
    static URI refusing(String path) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** How many requests {@link #serving(Map)} has answered for {@code path}, found or not. */
    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /**
     * Answers one request with status 200 and {@code Content-Length: announced}, sends only
     * {@code sent} bytes, then closes the connection.
     */
    static LocalServer droppingAfter(int announced, int sent) throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket s = socket.accept()) {
                skipRequest(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + announced + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[sent]);
                out.flush();
            } catch (IOException e) {
                // the client sees the failure; nothing to report from here
            }
        }, "dropping-server");
        thread.setDaemon(true);
        thread.start();
        return new LocalServer(socket::close, socket.getLocalPort(), Map.of());
    }

    private static void skipRequest(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws IOException {
        try {
            stop.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
