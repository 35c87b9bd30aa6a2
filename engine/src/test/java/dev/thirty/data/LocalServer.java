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

/** Test HTTP servers on 127.0.0.1: a real one serving fixed bodies, and one that drops the connection mid-body. */
final class LocalServer implements AutoCloseable {

    private final AutoCloseable stop;
    private final int port;

    private LocalServer(AutoCloseable stop, int port) {
        this.stop = stop;
        this.port = port;
    }

    /** Serves {@code body} with status 200 at {@code path}; every other path is a 404. */
    static LocalServer serving(String path, byte[] body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new LocalServer(() -> server.stop(0), server.getAddress().getPort());
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
        return new LocalServer(socket::close, socket.getLocalPort());
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
