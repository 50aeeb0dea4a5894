package dev.bosun.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 exchange over a plain socket, for {@code http://} servers (every local Bosun
 * server): a request with {@code Connection: close}, and the answer read by its {@code
 * Content-Length}, as chunks, or to the end of the stream.
 *
 * <p>Why not {@code HttpURLConnection}: its first use in a JVM looks up two kinds of services
 * ({@code URLStreamHandlerProvider}, then {@code System.LoggerFinder} for its logger) on the
 * whole class path, which opens every jar of the application, 136 of them: about 100 ms of a
 * {@code bosun status} that otherwise takes about 200. The client keeps HttpURLConnection for
 * {@code https://}, where TLS costs more than the lookup anyway. No proxy is used, as
 * HttpURLConnection uses none unless the JVM is told to.
 */
final class PlainHttp {

    /** An answer: the status, the headers (names as sent; the status line under null, as HttpURLConnection has it) and the body. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {}

    /** Long enough for any header a server sends; a longer line is not an HTTP answer. */
    private static final int MAX_LINE = 64 * 1024;

    private PlainHttp() {}

    static Response exchange(
            URI uri,
            String method,
            Map<String, String> headers,
            byte[] body,
            int connectTimeoutMillis,
            int readTimeoutMillis)
            throws IOException {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(uri, port, method, headers, body));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), method);
        }
    }

    private static byte[] requestHead(URI uri, int port, String method, Map<String, String> headers, byte[] body) {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ")
                .append(uri.getHost())
                .append(uri.getPort() < 0 ? "" : ":" + port)
                .append("\r\n");
        head.append("Connection: close\r\n");
        headers.forEach((name, value) -> {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("the " + name + " header's value holds a line break");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        // as HttpURLConnection sends header values: one byte per character
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Response read(InputStream in, String method) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new ProtocolException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(null, List.of(statusLine));
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("bad header line in the answer: " + line);
            }
            headers.computeIfAbsent(line.substring(0, colon).strip(), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1;
        byte[] body = noBody ? new byte[0] : body(in, headers);
        return new Response(status, headers, body);
    }

    private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
        String encoding = header(headers, "Transfer-Encoding").orElse(null);
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked(in);
        }
        String length = header(headers, "Content-Length").orElse(null);
        if (length != null) {
            try {
                return exactly(in, Integer.parseInt(length.strip()));
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad Content-Length in the answer: " + length);
            }
        }
        return in.readAllBytes(); // the server closes the connection after the body
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int extension = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad chunk size in the answer: " + sizeLine);
            }
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers: none that the client needs
                }
                return body.toByteArray();
            }
            body.write(exactly(in, size));
            line(in); // the CRLF after the chunk
        }
    }

    private static byte[] exactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the answer ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** One line without its CRLF (or LF). */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the answer ended in the middle of a line");
            }
            if (line.size() >= MAX_LINE) {
                throw new ProtocolException("a line of the answer is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** The first value of a header, by name in any case (HttpURLConnection keeps names as sent). */
    static Optional<String> header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                return Optional.of(header.getValue().get(0));
            }
        }
        return Optional.empty();
    }
}
