package io.dynamicmcp.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 exchange over a plain socket, for headers the JDK client will not send (such as a foreign Host). */
final class RawHttp {

    private RawHttp() {
    }

    /** Sends the request text (CRLF line ends added) and returns the whole response. */
    static String exchange(URI base, String head, String body) throws IOException {
        try (Socket socket = send(base, head + "\nConnection: close", body)) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    /** Sends the request text (CRLF line ends added) and returns the open connection, to read from or to close. */
    static Socket send(URI base, String head, String body) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String request = head.strip().replace("\n", "\r\n") + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return socket;
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }
}
