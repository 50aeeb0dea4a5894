package dev.bosun.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A GET written to a socket by hand: Java's HttpClient will not set {@code Host}, and the tests of
 * the Host check must send what a page of an attacker's rebound DNS name would.
 */
public final class RawHttp {

    private RawHttp() {}

    /**
     * @param token a bearer token, or null for none
     * @return the whole response: status line, headers and body
     */
    public static String get(int port, String host, String path, @Nullable String token) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                            + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
